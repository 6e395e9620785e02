<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <source>DossierDesk – Public-service dossiers</source>
        <translation>DossierDesk – Hồ sơ dịch vụ công</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About DossierDesk</source>
        <translation>&amp;Giới thiệu DossierDesk</translation>
    </message>
    <message>
        <source>Opening the local data…</source>
        <translation>Đang mở dữ liệu trên máy…</translation>
    </message>
    <message numerus="yes">
        <source>Local data ready: %n dossier(s)</source>
        <translation>
            <numerusform>Dữ liệu trên máy sẵn sàng: %n hồ sơ</numerusform>
        </translation>
    </message>
    <message>
        <source>Local data could not be opened</source>
        <translation>Không mở được dữ liệu trên máy</translation>
    </message>
    <message>
        <source>About DossierDesk</source>
        <translation>Giới thiệu DossierDesk</translation>
    </message>
    <message>
        <source>DossierDesk %1

Prepare, sign and send public-service dossiers, offline first.</source>
        <translation>DossierDesk %1

Chuẩn bị, ký số và nộp hồ sơ dịch vụ công, làm việc được cả khi không có mạng.</translation>
    </message>
</context>
<context>
    <name>self.window</name>
    <message>
        <source>DossierDesk</source>
        <translation>DossierDesk</translation>
    </message>
</context>
</TS>
