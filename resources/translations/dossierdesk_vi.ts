<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
    <context>
        <name>CatalogPage</name>
        <message>
            <source>Procedures</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Procedure catalogue</source>
            <translation>Danh mục thủ tục hành chính</translation>
        </message>
        <message>
            <source>Search by name or code, with or without accents (e.g. thi tuyen)</source>
            <translation>Tìm theo tên hoặc mã, gõ có dấu hay không dấu đều được (ví dụ: thi tuyen)</translation>
        </message>
        <message>
            <source>Agency:</source>
            <translation>Cơ quan:</translation>
        </message>
        <message>
            <source>Field:</source>
            <translation>Lĩnh vực:</translation>
        </message>
        <message>
            <source>Create a dossier</source>
            <translation>Tạo hồ sơ</translation>
        </message>
        <message>
            <source>All agencies</source>
            <translation>Tất cả cơ quan</translation>
        </message>
        <message>
            <source>All fields</source>
            <translation>Tất cả lĩnh vực</translation>
        </message>
        <message numerus="yes">
            <source>%n procedure(s) found</source>
            <translation>
                <numerusform>Tìm thấy %n thủ tục</numerusform>
            </translation>
        </message>
        <message>
            <source>Sign in to the portal to download templates.</source>
            <translation>Hãy đăng nhập cổng để tải mẫu đơn.</translation>
        </message>
        <message>
            <source>Save the template</source>
            <translation>Lưu mẫu đơn</translation>
        </message>
        <message>
            <source>Downloading the template…</source>
            <translation>Đang tải mẫu đơn…</translation>
        </message>
    </context>
    <context>
        <name>ComponentRow</name>
        <message>
            <source>Required</source>
            <translation>Bắt buộc</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>Không bắt buộc</translation>
        </message>
        <message>
            <source>Must be digitally signed</source>
            <translation>Phải ký số</translation>
        </message>
        <message numerus="yes">
            <source>up to %n file(s)</source>
            <translation>
                <numerusform>tối đa %n tệp</numerusform>
            </translation>
        </message>
        <message>
            <source>Ready ✔</source>
            <translation>Sẵn sàng ✔</translation>
        </message>
        <message>
            <source>Not needed</source>
            <translation>Không bắt buộc</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>Còn thiếu</translation>
        </message>
        <message>
            <source>Not signed yet</source>
            <translation>Chưa ký số</translation>
        </message>
        <message>
            <source>Needs attention</source>
            <translation>Cần xem lại</translation>
        </message>
        <message>
            <source>Drop PDF files or scans (PNG, JPEG) here</source>
            <translation>Kéo thả tệp PDF hoặc ảnh quét (PNG, JPEG) vào đây</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Thêm tệp…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Gỡ tệp</translation>
        </message>
        <message>
            <source>Add files to “%1”</source>
            <translation>Thêm tệp vào “%1”</translation>
        </message>
        <message>
            <source>PDF files and scans (%1)</source>
            <translation>Tệp PDF và ảnh quét (%1)</translation>
        </message>
    </context>
    <context>
        <name>DossierEditor</name>
        <message>
            <source>Sign…</source>
            <translation>Ký số…</translation>
        </message>
        <message>
            <source>Duplicate as template</source>
            <translation>Nhân bản làm mẫu</translation>
        </message>
        <message>
            <source>A new dossier of the same procedure for the next applicant</source>
            <translation>Tạo hồ sơ mới cùng thủ tục cho người nộp tiếp theo</translation>
        </message>
        <message>
            <source>Components</source>
            <translation>Thành phần hồ sơ</translation>
        </message>
        <message>
            <source>What is still missing</source>
            <translation>Những gì còn thiếu</translation>
        </message>
        <message>
            <source>No dossier open. Create one from the catalogue.</source>
            <translation>Chưa mở hồ sơ nào. Hãy tạo hồ sơ từ danh mục thủ tục.</translation>
        </message>
        <message>
            <source>Nothing is missing: the dossier is ready.</source>
            <translation>Không còn thiếu gì: hồ sơ đã sẵn sàng.</translation>
        </message>
        <message>
            <source>Editing…</source>
            <translation>Đang sửa…</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>Đã lưu</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Chưa lưu được</translation>
        </message>
        <message>
            <source>Adding files…</source>
            <translation>Đang thêm tệp…</translation>
        </message>
        <message>
            <source>Files added</source>
            <translation>Đã thêm tệp</translation>
        </message>
        <message>
            <source>File removed</source>
            <translation>Đã gỡ tệp</translation>
        </message>
        <message>
            <source>Dossier</source>
            <translation>Hồ sơ</translation>
        </message>
    </context>
    <context>
        <name>DossiersPage</name>
        <message>
            <source>Dossiers</source>
            <translation>Hồ sơ</translation>
        </message>
        <message>
            <source>My dossiers</source>
            <translation>Hồ sơ của tôi</translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Submitter</source>
            <translation>Người nộp hồ sơ</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Cập nhật</translation>
        </message>
        <message>
            <source>Sign the selected dossiers…</source>
            <translation>Ký số các hồ sơ đã chọn…</translation>
        </message>
        <message>
            <source>Delete the draft</source>
            <translation>Xoá bản nháp</translation>
        </message>
        <message>
            <source>Delete this draft and its files? This cannot be undone.</source>
            <translation>Xoá bản nháp này cùng các tệp đính kèm? Không thể hoàn tác.</translation>
        </message>
    </context>
    <context>
        <name>FilePreview</name>
        <message>
            <source>Rendering %1…</source>
            <translation>Đang hiển thị %1…</translation>
        </message>
        <message>
            <source>Choose a file to see its pages.</source>
            <translation>Chọn một tệp để xem các trang.</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n page(s)</source>
            <translation>
                <numerusform>%1: %n trang</numerusform>
            </translation>
        </message>
        <message>
            <source>This file cannot be shown: %1</source>
            <translation>Không hiển thị được tệp này: %1</translation>
        </message>
    </context>
    <context>
        <name>HelpPage</name>
        <message>
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <source>Help and support</source>
            <translation>Trợ giúp và hỗ trợ</translation>
        </message>
        <message>
            <source>Copy diagnostics</source>
            <translation>Sao chép thông tin chẩn đoán</translation>
        </message>
        <message>
            <source>Who to call</source>
            <translation>Liên hệ hỗ trợ</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>Điện thoại: %1</translation>
        </message>
        <message>
            <source>Hours: %1</source>
            <translation>Thời gian: %1</translation>
        </message>
        <message>
            <source>When you call, press “Copy diagnostics” and paste the text into your message: it holds no password, PIN or session.</source>
            <translation>Khi cần hỗ trợ, hãy bấm “Sao chép thông tin chẩn đoán” rồi dán vào tin nhắn: nội dung này không chứa mật khẩu, mã PIN hay phiên đăng nhập.</translation>
        </message>
        <message>
            <source>Diagnostics copied to the clipboard.</source>
            <translation>Đã sao chép thông tin chẩn đoán vào bộ nhớ tạm.</translation>
        </message>
    </context>
    <context>
        <name>KeySourcePanel</name>
        <message>
            <source>Certificate</source>
            <translation>Chứng thư số</translation>
        </message>
        <message>
            <source>Certificate file (PKCS#12: .p12, .pfx)</source>
            <translation>Tệp chứng thư số (PKCS#12: .p12, .pfx)</translation>
        </message>
        <message>
            <source>USB token (PKCS#11)</source>
            <translation>USB token (PKCS#11)</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>Tệp:</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Chọn…</translation>
        </message>
        <message>
            <source>Token module:</source>
            <translation>Thư viện token:</translation>
        </message>
        <message>
            <source>Choose a module…</source>
            <translation>Chọn thư viện…</translation>
        </message>
        <message>
            <source>Token:</source>
            <translation>Token:</translation>
        </message>
        <message>
            <source>Read the certificate</source>
            <translation>Đọc chứng thư</translation>
        </message>
        <message>
            <source>The password or PIN is asked once for the whole batch and never kept.</source>
            <translation>Mật khẩu hoặc mã PIN chỉ hỏi một lần cho cả lượt ký và không bao giờ được lưu lại.</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>Mật khẩu:</translation>
        </message>
        <message>
            <source>PIN:</source>
            <translation>Mã PIN:</translation>
        </message>
        <message>
            <source>Choose the certificate file</source>
            <translation>Chọn tệp chứng thư số</translation>
        </message>
        <message>
            <source>PKCS#12 (*.p12 *.pfx)</source>
            <translation>PKCS#12 (*.p12 *.pfx)</translation>
        </message>
        <message>
            <source>Choose the token's PKCS#11 module</source>
            <translation>Chọn thư viện PKCS#11 của token</translation>
        </message>
        <message>
            <source>PKCS#11 modules (*.dll *.so *.dylib)</source>
            <translation>Thư viện PKCS#11 (*.dll *.so *.dylib)</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>Người ký</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Cơ quan, tổ chức</translation>
        </message>
        <message>
            <source>Issued by</source>
            <translation>Cấp bởi</translation>
        </message>
        <message>
            <source>Serial number</source>
            <translation>Số sê-ri</translation>
        </message>
        <message>
            <source>Valid</source>
            <translation>Hiệu lực</translation>
        </message>
        <message>
            <source>from %1 to %2</source>
            <translation>từ %1 đến %2</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Khoá</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Nơi lưu khoá</translation>
        </message>
        <message>
            <source>No problem found.</source>
            <translation>Không phát hiện vấn đề nào.</translation>
        </message>
        <message>
            <source>Choose the token's module first.</source>
            <translation>Hãy chọn thư viện của token trước.</translation>
        </message>
        <message>
            <source>Reading the certificate…</source>
            <translation>Đang đọc chứng thư số…</translation>
        </message>
    </context>
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
            <source>&amp;Sign in…</source>
            <translation>Đăng &amp;nhập…</translation>
        </message>
        <message>
            <source>&amp;Register an account…</source>
            <translation>Đăng &amp;ký tài khoản…</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>Đăng &amp;xuất</translation>
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
            <source>TRAINING SANDBOX: this is the practice portal built into DossierDesk. Nothing here reaches a real agency. Choose your province's portal in Settings when you are ready.</source>
            <translation>CỔNG TẬP HUẤN (SANDBOX): đây là cổng thực hành có sẵn trong DossierDesk. Hồ sơ ở đây không được gửi tới cơ quan thật. Khi sẵn sàng, hãy chọn cổng dịch vụ công của tỉnh trong Cài đặt.</translation>
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
        <name>PaymentsPage</name>
        <message>
            <source>Payments</source>
            <translation>Thanh toán</translation>
        </message>
        <message>
            <source>Fees the portal asks for appear here once a dossier has been sent. Paying from the app comes with the outbox.</source>
            <translation>Phí, lệ phí cổng yêu cầu sẽ hiện ở đây sau khi hồ sơ được gửi. Chức năng thanh toán trong ứng dụng sẽ có cùng hàng đợi gửi.</translation>
        </message>
        <message>
            <source>Dossier code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Submitter</source>
            <translation>Người nộp hồ sơ</translation>
        </message>
        <message>
            <source>Fees due</source>
            <translation>Phí phải nộp</translation>
        </message>
    </context>
    <context>
        <name>PortalStatus</name>
        <message>
            <source>Portal: starting the training sandbox…</source>
            <translation>Cổng: đang khởi động cổng tập huấn (sandbox)…</translation>
        </message>
        <message>
            <source>Portal: connecting…</source>
            <translation>Cổng: đang kết nối…</translation>
        </message>
        <message>
            <source>Portal: not available</source>
            <translation>Cổng: không khả dụng</translation>
        </message>
        <message>
            <source>Portal: offline (work goes on, sending waits)</source>
            <translation>Cổng: mất kết nối (vẫn làm việc được, việc gửi sẽ chờ)</translation>
        </message>
        <message>
            <source>Portal: training sandbox</source>
            <translation>Cổng: cổng tập huấn (sandbox)</translation>
        </message>
        <message>
            <source>Portal: online</source>
            <translation>Cổng: đã kết nối</translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation>Chưa đăng nhập</translation>
        </message>
        <message>
            <source>Signed in: %1</source>
            <translation>Đã đăng nhập: %1</translation>
        </message>
    </context>
    <context>
        <name>ProcedureDetails</name>
        <message>
            <source>Choose a procedure to see what it needs.</source>
            <translation>Chọn một thủ tục để xem hồ sơ cần những gì.</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation>Cơ quan</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Lĩnh vực</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Mức độ</translation>
        </message>
        <message>
            <source>Online service level %1</source>
            <translation>Dịch vụ công trực tuyến mức độ %1</translation>
        </message>
        <message>
            <source>Processing time</source>
            <translation>Thời hạn giải quyết</translation>
        </message>
        <message numerus="yes">
            <source>%n working day(s)</source>
            <translation>
                <numerusform>%n ngày làm việc</numerusform>
            </translation>
        </message>
        <message>
            <source>This procedure was retired: no new dossier can be sent.</source>
            <translation>Thủ tục này đã bị bãi bỏ: không thể gửi hồ sơ mới.</translation>
        </message>
        <message>
            <source>Fees</source>
            <translation>Phí, lệ phí</translation>
        </message>
        <message>
            <source>No fee.</source>
            <translation>Không thu phí.</translation>
        </message>
        <message>
            <source>Delivery</source>
            <translation>Hình thức nhận, trả</translation>
        </message>
        <message>
            <source>Submit and collect at the one-stop desk</source>
            <translation>Nộp và nhận kết quả tại Bộ phận Một cửa</translation>
        </message>
        <message>
            <source>Papers picked up at home (postal service)</source>
            <translation>Nhận hồ sơ tại nhà (qua bưu chính)</translation>
        </message>
        <message>
            <source>Result returned at home (postal service)</source>
            <translation>Trả kết quả tại nhà (qua bưu chính)</translation>
        </message>
        <message>
            <source>Legal basis</source>
            <translation>Căn cứ pháp lý</translation>
        </message>
        <message>
            <source>Not given by the portal.</source>
            <translation>Cổng chưa cung cấp.</translation>
        </message>
        <message>
            <source>Components of the dossier</source>
            <translation>Thành phần hồ sơ</translation>
        </message>
        <message>
            <source>required</source>
            <translation>bắt buộc</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>không bắt buộc</translation>
        </message>
        <message>
            <source>must be digitally signed</source>
            <translation>phải ký số</translation>
        </message>
        <message numerus="yes">
            <source>up to %n file(s)</source>
            <translation>
                <numerusform>tối đa %n tệp</numerusform>
            </translation>
        </message>
        <message>
            <source>Download the template</source>
            <translation>Tải mẫu đơn</translation>
        </message>
    </context>
    <context>
        <name>ProcedureListModel</name>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n ngày</numerusform>
            </translation>
        </message>
        <message>
            <source>Procedure</source>
            <translation>Thủ tục</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Processing time</source>
            <translation>Thời hạn giải quyết</translation>
        </message>
    </context>
    <context>
        <name>RegisterDialog</name>
        <message>
            <source>Register an account</source>
            <translation>Đăng ký tài khoản</translation>
        </message>
        <message>
            <source>A training account on the sandbox portal. The confirmation mail is read and confirmed for you, then you are signed in.</source>
            <translation>Tài khoản tập huấn trên cổng thử nghiệm (sandbox). Thư xác nhận được đọc và xác nhận tự động, sau đó bạn được đăng nhập.</translation>
        </message>
        <message>
            <source>Username:</source>
            <translation>Tên đăng nhập:</translation>
        </message>
        <message>
            <source>Password (8 characters or more):</source>
            <translation>Mật khẩu (từ 8 ký tự):</translation>
        </message>
        <message>
            <source>E-mail:</source>
            <translation>Thư điện tử:</translation>
        </message>
        <message>
            <source>Full name:</source>
            <translation>Họ và tên:</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>Số điện thoại:</translation>
        </message>
        <message>
            <source>Account for:</source>
            <translation>Tài khoản của:</translation>
        </message>
        <message>
            <source>An agency</source>
            <translation>Cơ quan, tổ chức</translation>
        </message>
        <message>
            <source>A citizen</source>
            <translation>Công dân</translation>
        </message>
        <message>
            <source>A business</source>
            <translation>Doanh nghiệp</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Đăng ký</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Huỷ</translation>
        </message>
        <message>
            <source>The sandbox portal has not started yet.</source>
            <translation>Cổng thử nghiệm chưa khởi động xong.</translation>
        </message>
        <message>
            <source>Registering…</source>
            <translation>Đang đăng ký…</translation>
        </message>
        <message>
            <source>Account confirmed. Signing in…</source>
            <translation>Tài khoản đã được xác nhận. Đang đăng nhập…</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>Cài đặt</translation>
        </message>
        <message>
            <source>Portal</source>
            <translation>Cổng dịch vụ công</translation>
        </message>
        <message>
            <source>Use the training sandbox built into DossierDesk</source>
            <translation>Dùng cổng tập huấn (sandbox) có sẵn trong DossierDesk</translation>
        </message>
        <message>
            <source>Portal address:</source>
            <translation>Địa chỉ cổng:</translation>
        </message>
        <message>
            <source>Province profile:</source>
            <translation>Hồ sơ tỉnh:</translation>
        </message>
        <message>
            <source>Load a profile…</source>
            <translation>Nạp hồ sơ tỉnh…</translation>
        </message>
        <message>
            <source>Signing</source>
            <translation>Ký số</translation>
        </message>
        <message>
            <source>Timestamp authority:</source>
            <translation>Máy chủ dấu thời gian:</translation>
        </message>
        <message>
            <source>Embed revocation data (long-term validation)</source>
            <translation>Nhúng thông tin thu hồi (kiểm tra dài hạn, LTV)</translation>
        </message>
        <message>
            <source>Token modules (one per line):</source>
            <translation>Thư viện token (mỗi dòng một tệp):</translation>
        </message>
        <message>
            <source>Trusted root certificates (one file per line):</source>
            <translation>Chứng thư gốc tin cậy (mỗi dòng một tệp):</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Chung</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Ngôn ngữ:</translation>
        </message>
        <message>
            <source>Send the outbox by itself when the portal is back</source>
            <translation>Tự động gửi hàng đợi khi cổng kết nối lại</translation>
        </message>
        <message>
            <source>Dossiers sent at the same time:</source>
            <translation>Số hồ sơ gửi cùng lúc:</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Province profile</source>
            <translation>Hồ sơ tỉnh</translation>
        </message>
        <message>
            <source>Province profile (*.json)</source>
            <translation>Hồ sơ tỉnh (*.json)</translation>
        </message>
        <message>
            <source>This is not a province profile: %1</source>
            <translation>Đây không phải tệp hồ sơ tỉnh: %1</translation>
        </message>
        <message>
            <source>Settings saved.</source>
            <translation>Đã lưu cài đặt.</translation>
        </message>
    </context>
    <context>
        <name>SignDialog</name>
        <message>
            <source>Sign dossiers</source>
            <translation>Ký số hồ sơ</translation>
        </message>
        <message>
            <source>Files to sign</source>
            <translation>Các tệp cần ký</translation>
        </message>
        <message>
            <source>Signature stamp</source>
            <translation>Hình chữ ký</translation>
        </message>
        <message>
            <source>Show the stamp on the page</source>
            <translation>Hiện hình chữ ký trên trang</translation>
        </message>
        <message>
            <source>Page:</source>
            <translation>Trang:</translation>
        </message>
        <message>
            <source>Drag the red box to where the stamp should go. The same place is used for every file.</source>
            <translation>Kéo khung đỏ tới vị trí đặt hình chữ ký. Mọi tệp đều dùng cùng vị trí này.</translation>
        </message>
        <message>
            <source>Sign</source>
            <translation>Ký số</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Dừng</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) to sign.</source>
            <translation>
                <numerusform>Có %n tệp cần ký.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to sign: every file that must be signed is signed.</source>
            <translation>Không có gì cần ký: mọi tệp phải ký số đều đã được ký.</translation>
        </message>
        <message>
            <source>Signing…</source>
            <translation>Đang ký số…</translation>
        </message>
        <message>
            <source>Signed %1 of %2: %3</source>
            <translation>Đã ký %1/%2: %3</translation>
        </message>
        <message>
            <source>Stopping after the current file…</source>
            <translation>Sẽ dừng sau tệp đang ký…</translation>
        </message>
        <message>
            <source>%1 of %2 file(s) signed.</source>
            <translation>Đã ký %1 trên %2 tệp.</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in to the portal</source>
            <translation>Đăng nhập cổng dịch vụ công</translation>
        </message>
        <message>
            <source>Sign in with your account on %1. Your session is kept in the system's credential store; the password is never saved.</source>
            <translation>Đăng nhập bằng tài khoản của bạn trên %1. Phiên đăng nhập được giữ trong kho thông tin đăng nhập của hệ điều hành; mật khẩu không bao giờ được lưu.</translation>
        </message>
        <message>
            <source>Username:</source>
            <translation>Tên đăng nhập:</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>Mật khẩu:</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Đăng nhập</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Huỷ</translation>
        </message>
        <message>
            <source>Type your username and password.</source>
            <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>Đang đăng nhập…</translation>
        </message>
    </context>
    <context>
        <name>SubmitterForm</name>
        <message>
            <source>Submitter</source>
            <translation>Người nộp hồ sơ</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>Họ và tên</translation>
        </message>
        <message>
            <source>ID number (CCCD)</source>
            <translation>Số CCCD/định danh cá nhân</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Ngày sinh</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Số điện thoại</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>Thư điện tử</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Địa chỉ</translation>
        </message>
        <message>
            <source>Submitting as</source>
            <translation>Đối tượng</translation>
        </message>
        <message>
            <source>Summary of the dossier</source>
            <translation>Trích yếu hồ sơ</translation>
        </message>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>năm-tháng-ngày, ví dụ 1995-03-14</translation>
        </message>
        <message>
            <source>9 or 12 digits</source>
            <translation>9 hoặc 12 chữ số</translation>
        </message>
        <message>
            <source>Citizen</source>
            <translation>Công dân</translation>
        </message>
        <message>
            <source>Business</source>
            <translation>Doanh nghiệp</translation>
        </message>
        <message>
            <source>Agency</source>
            <translation>Cơ quan</translation>
        </message>
        <message>
            <source>Delivery</source>
            <translation>Hình thức nhận, trả</translation>
        </message>
        <message>
            <source>Pick up the papers at home (postal service)</source>
            <translation>Nhận hồ sơ tại nhà (qua bưu chính)</translation>
        </message>
        <message>
            <source>Return the result at home (postal service)</source>
            <translation>Trả kết quả tại nhà (qua bưu chính)</translation>
        </message>
        <message>
            <source>Pickup address</source>
            <translation>Địa chỉ nhận hồ sơ</translation>
        </message>
        <message>
            <source>Return address</source>
            <translation>Địa chỉ nhận kết quả</translation>
        </message>
    </context>
    <context>
        <name>SyncBridge</name>
        <message numerus="yes">
            <source>Sending %n dossier(s)…</source>
            <translation>
                <numerusform>Đang gửi %n hồ sơ…</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Workspace</name>
        <message>
            <source>Updating the procedure catalogue…</source>
            <translation>Đang cập nhật danh mục thủ tục…</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Something unexpected went wrong (%1): %2</source>
            <translation>Đã xảy ra lỗi không lường trước (%1): %2</translation>
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
