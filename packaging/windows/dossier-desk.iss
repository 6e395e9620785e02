; Inno Setup script for DossierDesk (https://jrsoftware.org/isinfo.php), version 6.
;
; Build on Windows, from the repository folder:
;   py run.py build                         -> dist\dossier-desk\ (PyInstaller one-folder)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\dossier-desk.iss
; The installer lands in dist\installer\DossierDesk-Setup-<version>.exe.
;
; Per-user install (no administrator rights: clerks' PCs are often locked down) into
; %LOCALAPPDATA%\Programs\DossierDesk, a Start-menu entry, an optional desktop icon, and an
; uninstaller that removes the program only: the clerk's profile (database, attached files,
; settings, logs) lives in %LOCALAPPDATA%\DossierDesk and is kept.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6C4C8B7E-3E55-4B0B-9C52-0D7A5D1E2F31}
AppName=DossierDesk
AppVersion={#AppVersion}
AppPublisher=DossierDesk
DefaultDirName={localappdata}\Programs\DossierDesk
DefaultGroupName=DossierDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=DossierDesk-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\DossierDesk.exe
; Sign the installer and the uninstaller with the publisher's code-signing certificate
; (configure a sign tool named "signtool" in the Inno Setup IDE or with /S on ISCC):
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\dossier-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\DossierDesk"; Filename: "{app}\DossierDesk.exe"
Name: "{autoprograms}\DossierDesk (cổng tập huấn)"; Filename: "{app}\DossierDesk.exe"; Parameters: "--home ""{localappdata}\DossierDesk-TapHuan"""
Name: "{autodesktop}\DossierDesk"; Filename: "{app}\DossierDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\DossierDesk.exe"; Description: "{cm:LaunchProgram,DossierDesk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote next to it; the profile in {localappdata}\DossierDesk stays.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
