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
            <translation>Gỡ tệp</translation>
        </message>
        <message>
            <source>Dossier</source>
            <translation>Hồ sơ</translation>
        </message>
    </context>
    <context>
        <name>DossierListModel</name>
        <message>
            <source>Paid</source>
            <translation>Đã thanh toán</translation>
        </message>
        <message>
            <source>Waiting for payment</source>
            <translation>Chờ thanh toán</translation>
        </message>
        <message>
            <source>Payment failed</source>
            <translation>Thanh toán không thành công</translation>
        </message>
        <message>
            <source>Payment link expired</source>
            <translation>Liên kết thanh toán đã hết hạn</translation>
        </message>
        <message>
            <source>Payment cancelled</source>
            <translation>Đã hủy thanh toán</translation>
        </message>
        <message>
            <source>To pay: %1</source>
            <translation>Phải nộp: %1</translation>
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
            <source>Dossier code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>Portal status</source>
            <translation>Trạng thái trên cổng</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Thanh toán</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Thay đổi lần cuối</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Tiến độ</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Lý do</translation>
        </message>
    </context>
    <context>
        <name>DossierView</name>
        <message>
            <source>Pay the fees…</source>
            <translation>Nộp phí, lệ phí…</translation>
        </message>
        <message>
            <source>Export package…</source>
            <translation>Xuất gói hồ sơ…</translation>
        </message>
        <message>
            <source>Fix the dossier</source>
            <translation>Sửa lại hồ sơ</translation>
        </message>
        <message>
            <source>Retry now</source>
            <translation>Gửi lại ngay</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>Quá trình xử lý</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Đang tải…</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Kết quả</translation>
        </message>
        <message>
            <source>Results (%1)</source>
            <translation>Kết quả (%1)</translation>
        </message>
        <message>
            <source>Dossier code</source>
            <translation>Mã hồ sơ</translation>
        </message>
        <message>
            <source>not given yet</source>
            <translation>chưa có</translation>
        </message>
        <message>
            <source>Receipt number</source>
            <translation>Số biên nhận</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation>Ngày tiếp nhận</translation>
        </message>
        <message>
            <source>Result due on</source>
            <translation>Hẹn trả kết quả</translation>
        </message>
        <message>
            <source>Fees to pay</source>
            <translation>Phí, lệ phí phải nộp</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Thanh toán</translation>
        </message>
        <message>
            <source>waiting for payment</source>
            <translation>chờ thanh toán</translation>
        </message>
        <message>
            <source>paid</source>
            <translation>đã thanh toán</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>không thành công</translation>
        </message>
        <message>
            <source>expired</source>
            <translation>hết hạn</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>đã hủy</translation>
        </message>
        <message>
            <source>The portal refused this dossier:</source>
            <translation>Cổng dịch vụ công từ chối hồ sơ này:</translation>
        </message>
        <message>
            <source>The dossier could not be sent yet:</source>
            <translation>Hồ sơ chưa gửi được:</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>Cần làm: %1</translation>
        </message>
        <message>
            <source>Sending again…</source>
            <translation>Đang gửi lại…</translation>
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
            <source>All</source>
            <translation>Tất cả</translation>
        </message>
        <message>
            <source>Drafts</source>
            <translation>Đang soạn</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>Hàng đợi gửi</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Đã gửi</translation>
        </message>
        <message>
            <source>Needs action</source>
            <translation>Cần xử lý</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Đã xong</translation>
        </message>
        <message>
            <source>Search: submitter, ID number, dossier code, procedure…</source>
            <translation>Tìm: người nộp, số CCCD, mã hồ sơ, thủ tục…</translation>
        </message>
        <message>
            <source>Put in the outbox</source>
            <translation>Đưa vào hàng đợi gửi</translation>
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
            <source>Export packages…</source>
            <translation>Xuất gói hồ sơ…</translation>
        </message>
        <message>
            <source>Choose a dossier in the list, or create one from the catalogue.</source>
            <translation>Chọn một hồ sơ trong danh sách, hoặc tạo hồ sơ mới từ danh mục thủ tục.</translation>
        </message>
        <message numerus="yes">
            <source>%n dossier(s) shown</source>
            <translation>
                <numerusform>Đang hiển thị %n hồ sơ</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dossier(s) could not go into the outbox:</source>
            <translation>
                <numerusform>%n hồ sơ chưa đưa vào hàng đợi gửi được:</numerusform>
            </translation>
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
        <name>ImportDialog</name>
        <message>
            <source>Source</source>
            <translation>Nguồn</translation>
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
            <source>Files</source>
            <translation>Số tệp</translation>
        </message>
        <message>
            <source>Problems found / result</source>
            <translation>Vấn đề phát hiện / kết quả</translation>
        </message>
        <message numerus="yes">
            <source>Import %n dossier(s)</source>
            <translation>
                <numerusform>Nhập %n hồ sơ</numerusform>
            </translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>will be created as a draft</source>
            <translation>sẽ được tạo thành hồ sơ nháp</translation>
        </message>
        <message>
            <source>created</source>
            <translation>đã tạo</translation>
        </message>
        <message>
            <source>%1 dossier(s) will be created; %2 cannot be, for the reasons shown.</source>
            <translation>Sẽ tạo %1 hồ sơ; %2 hồ sơ không tạo được vì các lý do nêu bên dưới.</translation>
        </message>
        <message>
            <source>%1 dossier(s) created; %2 not.</source>
            <translation>Đã tạo %1 hồ sơ; %2 hồ sơ không tạo được.</translation>
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
            <translation>Tổ chức</translation>
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
        <name>Notifier</name>
        <message>
            <source>Dossier status changed</source>
            <translation>Trạng thái hồ sơ đã thay đổi</translation>
        </message>
        <message>
            <source>Now: %1</source>
            <translation>Hiện tại: %1</translation>
        </message>
        <message>
            <source>The agency asks for more documents</source>
            <translation>Cơ quan yêu cầu bổ sung hồ sơ</translation>
        </message>
        <message>
            <source>Open the dossier to answer the supplement request.</source>
            <translation>Mở hồ sơ để trả lời yêu cầu bổ sung.</translation>
        </message>
        <message>
            <source>Fees to pay</source>
            <translation>Phí, lệ phí phải nộp</translation>
        </message>
        <message>
            <source>%1 to pay for a dossier.</source>
            <translation>Một hồ sơ cần nộp %1.</translation>
        </message>
        <message>
            <source>Payment received</source>
            <translation>Đã nhận thanh toán</translation>
        </message>
        <message>
            <source>The portal confirmed the payment.</source>
            <translation>Cổng dịch vụ công đã xác nhận khoản thanh toán.</translation>
        </message>
        <message>
            <source>A result has arrived</source>
            <translation>Đã có kết quả giải quyết</translation>
        </message>
        <message>
            <source>Dossiers changed</source>
            <translation>Có hồ sơ thay đổi</translation>
        </message>
        <message numerus="yes">
            <source>%n more dossier(s) changed; see the list.</source>
            <translation>
                <numerusform>Còn %n hồ sơ khác thay đổi; xem trong danh sách.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OutboxPage</name>
        <message>
            <source>Outbox</source>
            <translation>Hàng đợi gửi</translation>
        </message>
        <message>
            <source>Dossiers put in the outbox wait here until they are sent; those sent in this session stay listed. Sending resumes where it stopped after a cut, and never sends a dossier twice.</source>
            <translation>Hồ sơ đưa vào hàng đợi nằm ở đây cho tới khi được gửi; hồ sơ đã gửi trong phiên làm việc này vẫn được liệt kê. Khi mất mạng, việc gửi tiếp tục từ chỗ đã dừng và không bao giờ gửi trùng một hồ sơ.</translation>
        </message>
        <message>
            <source>Send all</source>
            <translation>Gửi tất cả</translation>
        </message>
        <message>
            <source>Send the selected</source>
            <translation>Gửi hồ sơ đã chọn</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Gửi lại</translation>
        </message>
        <message>
            <source>Take back out of the outbox</source>
            <translation>Rút khỏi hàng đợi gửi</translation>
        </message>
        <message>
            <source>Stop sending</source>
            <translation>Dừng gửi</translation>
        </message>
        <message>
            <source>What to do: %1</source>
            <translation>Cần làm: %1</translation>
        </message>
        <message>
            <source>Sent as %1 on %2.</source>
            <translation>Đã gửi với mã %1 lúc %2.</translation>
        </message>
        <message>
            <source>Nothing is being sent.</source>
            <translation>Không có hồ sơ nào đang gửi.</translation>
        </message>
        <message>
            <source>Sending: %1 of %2 dossier(s) done, %3 of %4</source>
            <translation>Đang gửi: xong %1 trên %2 hồ sơ, %3 / %4</translation>
        </message>
        <message>
            <source>Last batch: %1 of %2 dossier(s) done, %3 of %4</source>
            <translation>Đợt gửi vừa rồi: xong %1 trên %2 hồ sơ, %3 / %4</translation>
        </message>
    </context>
    <context>
        <name>PaymentPanel</name>
        <message>
            <source>Code</source>
            <translation>Mã</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>Khoản phí, lệ phí</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Số tiền</translation>
        </message>
        <message>
            <source>Pay</source>
            <translation>Thanh toán</translation>
        </message>
        <message>
            <source>Check the status</source>
            <translation>Kiểm tra trạng thái</translation>
        </message>
        <message>
            <source>Open the e-receipt</source>
            <translation>Mở biên lai điện tử</translation>
        </message>
        <message>
            <source>Save the e-receipt as…</source>
            <translation>Lưu biên lai điện tử…</translation>
        </message>
        <message>
            <source>Not paid yet.</source>
            <translation>Chưa thanh toán.</translation>
        </message>
        <message>
            <source>Nothing to pay.</source>
            <translation>Không có khoản nào phải nộp.</translation>
        </message>
        <message>
            <source>The payment link has expired: press “Pay” for a new one.</source>
            <translation>Liên kết thanh toán đã hết hạn: bấm “Thanh toán” để lấy liên kết mới.</translation>
        </message>
        <message>
            <source>Waiting for the payment (link valid until %1)…</source>
            <translation>Đang chờ thanh toán (liên kết còn hiệu lực tới %1)…</translation>
        </message>
        <message>
            <source>Paid on %1 — transaction %2 (%3)</source>
            <translation>Đã thanh toán lúc %1 — giao dịch %2 (%3)</translation>
        </message>
        <message>
            <source>The payment failed: press “Pay” to try again.</source>
            <translation>Thanh toán không thành công: bấm “Thanh toán” để thử lại.</translation>
        </message>
        <message>
            <source>The payment was cancelled: press “Pay” to try again.</source>
            <translation>Giao dịch đã bị hủy: bấm “Thanh toán” để thử lại.</translation>
        </message>
        <message>
            <source>Choose a dossier to see its fees.</source>
            <translation>Chọn một hồ sơ để xem phí, lệ phí.</translation>
        </message>
        <message>
            <source>Total: %1</source>
            <translation>Tổng cộng: %1</translation>
        </message>
        <message>
            <source>Beneficiary: %1 — account %2 at %3</source>
            <translation>Đơn vị thụ hưởng: %1 — tài khoản %2 tại %3</translation>
        </message>
        <message>
            <source>Beneficiary: shown once the payment is created.</source>
            <translation>Đơn vị thụ hưởng: hiển thị khi tạo giao dịch thanh toán.</translation>
        </message>
        <message>
            <source>Asking the portal for the payment link…</source>
            <translation>Đang lấy liên kết thanh toán từ cổng…</translation>
        </message>
        <message>
            <source>The portal's payment page is open in your browser: choose the bank or e-wallet there. This window shows the result as soon as the portal has it.</source>
            <translation>Trang thanh toán của cổng đã mở trong trình duyệt: hãy chọn ngân hàng hoặc ví điện tử tại đó. Cửa sổ này sẽ hiện kết quả ngay khi cổng nhận được.</translation>
        </message>
        <message>
            <source>E-receipt opened: %1</source>
            <translation>Đã mở biên lai điện tử: %1</translation>
        </message>
        <message>
            <source>Save the e-receipt</source>
            <translation>Lưu biên lai điện tử</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>Đã lưu: %1</translation>
        </message>
    </context>
    <context>
        <name>PaymentsPage</name>
        <message>
            <source>Payments</source>
            <translation>Thanh toán</translation>
        </message>
        <message>
            <source>Fees of the dossiers sent. “Pay” opens the portal's payment page in your browser (bank or e-wallet); the app never sees bank details and shows the result as soon as the portal confirms it.</source>
            <translation>Phí, lệ phí của các hồ sơ đã gửi. “Thanh toán” mở trang thanh toán của cổng trong trình duyệt (ngân hàng hoặc ví điện tử); ứng dụng không bao giờ thấy thông tin tài khoản ngân hàng và hiện kết quả ngay khi cổng xác nhận.</translation>
        </message>
        <message>
            <source>Fees to pay</source>
            <translation>Phí, lệ phí phải nộp</translation>
        </message>
        <message>
            <source>Transactions</source>
            <translation>Danh sách giao dịch</translation>
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
            <translation>Mức chữ ký</translation>
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
        <name>Progress</name>
        <message>
            <source>Sent</source>
            <translation>Đã gửi</translation>
        </message>
        <message>
            <source>Creating it on the portal…</source>
            <translation>Đang tạo hồ sơ trên cổng…</translation>
        </message>
        <message>
            <source>Uploading %1 of %2</source>
            <translation>Đang tải lên %1 / %2</translation>
        </message>
        <message>
            <source>Submitting (the portal checks the signatures)…</source>
            <translation>Đang nộp (cổng kiểm tra chữ ký số)…</translation>
        </message>
        <message>
            <source>Waiting to be sent again</source>
            <translation>Chờ gửi lại</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Bị từ chối</translation>
        </message>
        <message>
            <source>Waiting in the outbox</source>
            <translation>Đang chờ gửi</translation>
        </message>
    </context>
    <context>
        <name>Reasons</name>
        <message>
            <source>Sign in again (File ▸ Sign in…). The dossier is sent as soon as you are signed in.</source>
            <translation>Hãy đăng nhập lại (Tệp ▸ Đăng nhập…). Hồ sơ sẽ được gửi ngay khi đăng nhập xong.</translation>
        </message>
        <message>
            <source>Check the portal address in Settings, or call support. Nothing is lost: the dossier waits in the outbox.</source>
            <translation>Kiểm tra địa chỉ cổng trong Cài đặt, hoặc gọi bộ phận hỗ trợ. Không mất gì: hồ sơ vẫn chờ trong hàng đợi gửi.</translation>
        </message>
        <message>
            <source>Nothing to do: the dossier stays in the outbox and is sent again by itself when the portal answers. “Retry” tries at once.</source>
            <translation>Không cần làm gì: hồ sơ vẫn nằm trong hàng đợi và tự gửi lại khi cổng trả lời. Bấm “Gửi lại” để thử ngay.</translation>
        </message>
        <message>
            <source>Open the dossier with “Fix the dossier”, replace or sign again the files listed, then put it in the outbox again.</source>
            <translation>Bấm “Sửa lại hồ sơ”, thay hoặc ký lại các tệp được nêu, rồi đưa hồ sơ vào hàng đợi gửi lần nữa.</translation>
        </message>
        <message>
            <source>Open the dossier with “Fix the dossier”, correct what is listed (fields, file size or type), then put it in the outbox again.</source>
            <translation>Bấm “Sửa lại hồ sơ”, sửa những mục được nêu (thông tin, dung lượng hoặc định dạng tệp), rồi đưa hồ sơ vào hàng đợi gửi lần nữa.</translation>
        </message>
        <message>
            <source>The procedure changed: the catalogue is refreshed by itself. Open the dossier with “Fix the dossier”, review its components, then send it again.</source>
            <translation>Thủ tục đã thay đổi: danh mục được cập nhật tự động. Bấm “Sửa lại hồ sơ”, xem lại thành phần hồ sơ rồi gửi lại.</translation>
        </message>
        <message>
            <source>The portal no longer accepts this procedure. Ask the agency which procedure replaces it.</source>
            <translation>Cổng không còn nhận thủ tục này. Hãy hỏi cơ quan giải quyết thủ tục thay thế.</translation>
        </message>
        <message>
            <source>Open the dossier with “Fix the dossier”, correct it, then put it in the outbox again. If the reason is unclear, call support with the dossier's details (Help ▸ copy diagnostics).</source>
            <translation>Bấm “Sửa lại hồ sơ”, sửa hồ sơ rồi đưa vào hàng đợi gửi lần nữa. Nếu chưa rõ lý do, hãy gọi bộ phận hỗ trợ kèm thông tin hồ sơ (Trợ giúp ▸ sao chép thông tin chẩn đoán).</translation>
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
        <name>ResultsPanel</name>
        <message>
            <source>Result</source>
            <translation>Kết quả</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Dung lượng</translation>
        </message>
        <message>
            <source>Signatures</source>
            <translation>Chữ ký số</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Lưu thành…</translation>
        </message>
        <message>
            <source>Downloading…</source>
            <translation>Đang tải về…</translation>
        </message>
        <message>
            <source>Not a signed PDF</source>
            <translation>Không phải PDF có chữ ký số</translation>
        </message>
        <message>
            <source>Signed, intact, trusted</source>
            <translation>Đã ký, nguyên vẹn, tin cậy</translation>
        </message>
        <message>
            <source>Signed, intact (signer not in the trusted list)</source>
            <translation>Đã ký, nguyên vẹn (người ký không thuộc danh sách tin cậy)</translation>
        </message>
        <message>
            <source>Signature NOT valid</source>
            <translation>Chữ ký KHÔNG hợp lệ</translation>
        </message>
        <message>
            <source>The file is being downloaded and checked.</source>
            <translation>Tệp đang được tải về và kiểm tra.</translation>
        </message>
        <message>
            <source>This file carries no signature to check.</source>
            <translation>Tệp này không có chữ ký số để kiểm tra.</translation>
        </message>
        <message>
            <source>Signer</source>
            <translation>Người ký</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Tổ chức</translation>
        </message>
        <message>
            <source>Signed at</source>
            <translation>Thời điểm ký</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Mức chữ ký</translation>
        </message>
        <message>
            <source>Intact</source>
            <translation>Nguyên vẹn</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>có</translation>
        </message>
        <message>
            <source>no</source>
            <translation>không</translation>
        </message>
        <message>
            <source>Trusted</source>
            <translation>Tin cậy</translation>
        </message>
        <message>
            <source>Remarks</source>
            <translation>Lưu ý</translation>
        </message>
        <message>
            <source>Save the result</source>
            <translation>Lưu kết quả</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>Đã lưu: %1</translation>
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
        <name>SupplementPanel</name>
        <message>
            <source>The agency asks for more documents (supplement request)</source>
            <translation>Cơ quan yêu cầu bổ sung hồ sơ</translation>
        </message>
        <message>
            <source>A note to the officer (optional)</source>
            <translation>Ghi chú gửi cán bộ (không bắt buộc)</translation>
        </message>
        <message>
            <source>Attach files…</source>
            <translation>Đính kèm tệp…</translation>
        </message>
        <message>
            <source>Remove the file</source>
            <translation>Gỡ tệp</translation>
        </message>
        <message>
            <source>Sign…</source>
            <translation>Ký số…</translation>
        </message>
        <message>
            <source>Send the supplement</source>
            <translation>Gửi hồ sơ bổ sung</translation>
        </message>
        <message>
            <source>Documents asked for: %1</source>
            <translation>Giấy tờ cần bổ sung: %1</translation>
        </message>
        <message>
            <source>Officer's note: %1</source>
            <translation>Ghi chú của cán bộ: %1</translation>
        </message>
        <message>
            <source>Answer by: %1</source>
            <translation>Hạn bổ sung: %1</translation>
        </message>
        <message>
            <source>signed</source>
            <translation>đã ký</translation>
        </message>
        <message>
            <source>not signed</source>
            <translation>chưa ký</translation>
        </message>
        <message>
            <source>The answer is complete: it can be sent.</source>
            <translation>Đã đủ giấy tờ bổ sung: có thể gửi.</translation>
        </message>
        <message>
            <source>The answer is in the outbox; it goes with the next sync.</source>
            <translation>Hồ sơ bổ sung đang trong hàng đợi; sẽ được gửi ở lần đồng bộ tới.</translation>
        </message>
        <message>
            <source>Attaching…</source>
            <translation>Đang đính kèm…</translation>
        </message>
        <message>
            <source>Files attached.</source>
            <translation>Đã đính kèm tệp.</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>Đính kèm tệp</translation>
        </message>
        <message>
            <source>PDF and scans (*.pdf *.png *.jpg *.jpeg)</source>
            <translation>PDF và ảnh quét (*.pdf *.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>File removed.</source>
            <translation>Đã gỡ tệp.</translation>
        </message>
        <message>
            <source>Sending the supplement…</source>
            <translation>Đang gửi hồ sơ bổ sung…</translation>
        </message>
        <message>
            <source>The supplement was sent to the agency.</source>
            <translation>Đã gửi hồ sơ bổ sung tới cơ quan giải quyết.</translation>
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
        <name>Timeline</name>
        <message>
            <source>When</source>
            <translation>Thời gian</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Nội dung</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Người thực hiện</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Ghi chú</translation>
        </message>
        <message>
            <source>waiting for payment</source>
            <translation>chờ thanh toán</translation>
        </message>
        <message>
            <source>paid</source>
            <translation>đã thanh toán</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>không thành công</translation>
        </message>
        <message>
            <source>expired</source>
            <translation>hết hạn</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>đã hủy</translation>
        </message>
        <message>
            <source>You</source>
            <translation>Bạn</translation>
        </message>
        <message>
            <source>DossierDesk</source>
            <translation>DossierDesk</translation>
        </message>
        <message>
            <source>Portal</source>
            <translation>Cổng dịch vụ công</translation>
        </message>
        <message>
            <source>Dossier created</source>
            <translation>Tạo hồ sơ</translation>
        </message>
        <message>
            <source>copy of another dossier</source>
            <translation>sao từ một hồ sơ khác</translation>
        </message>
        <message>
            <source>File attached: %1</source>
            <translation>Đính kèm tệp: %1</translation>
        </message>
        <message>
            <source>File removed</source>
            <translation>Gỡ tệp</translation>
        </message>
        <message>
            <source>File signed</source>
            <translation>Ký số tệp</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <source>taken back out of the outbox</source>
            <translation>rút khỏi hàng đợi gửi</translation>
        </message>
        <message>
            <source>something is missing again</source>
            <translation>lại thiếu thông tin hoặc giấy tờ</translation>
        </message>
        <message>
            <source>Created on the portal, files being uploaded</source>
            <translation>Đã tạo trên cổng, đang tải tệp lên</translation>
        </message>
        <message>
            <source>Portal status: %1</source>
            <translation>Trạng thái trên cổng: %1</translation>
        </message>
        <message>
            <source>Supplement requested: %1</source>
            <translation>Yêu cầu bổ sung: %1</translation>
        </message>
        <message>
            <source>answer by %1</source>
            <translation>hạn bổ sung %1</translation>
        </message>
        <message>
            <source>Supplement answer put in the outbox</source>
            <translation>Đưa hồ sơ bổ sung vào hàng đợi gửi</translation>
        </message>
        <message>
            <source>Supplement answer sent</source>
            <translation>Đã gửi phần bổ sung</translation>
        </message>
        <message>
            <source>Payment %1: %2</source>
            <translation>Thanh toán %1: %2</translation>
        </message>
        <message>
            <source>E-receipt received</source>
            <translation>Đã nhận biên lai điện tử</translation>
        </message>
        <message>
            <source>Result received: %1</source>
            <translation>Nhận kết quả: %1</translation>
        </message>
        <message>
            <source>signature intact</source>
            <translation>chữ ký nguyên vẹn</translation>
        </message>
        <message>
            <source>signature NOT intact</source>
            <translation>chữ ký KHÔNG nguyên vẹn</translation>
        </message>
        <message>
            <source>Draft deleted</source>
            <translation>Xoá bản nháp</translation>
        </message>
    </context>
    <context>
        <name>TransactionModel</name>
        <message>
            <source>Waiting for payment</source>
            <translation>Chờ thanh toán</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Đã thanh toán</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Không thành công</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Hết hạn</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Đã hủy</translation>
        </message>
        <message>
            <source>Reference</source>
            <translation>Mã tham chiếu</translation>
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
            <source>Amount</source>
            <translation>Số tiền</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Ngày tạo</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>Ngày thanh toán</translation>
        </message>
        <message>
            <source>Channel, transaction</source>
            <translation>Kênh, mã giao dịch</translation>
        </message>
    </context>
    <context>
        <name>TransferActions</name>
        <message>
            <source>&amp;Import dossier packages…</source>
            <translation>&amp;Nhập gói hồ sơ…</translation>
        </message>
        <message>
            <source>Import a &amp;CSV batch…</source>
            <translation>Nhập loạt hồ sơ từ tệp &amp;CSV…</translation>
        </message>
        <message>
            <source>&amp;Export the selected dossiers…</source>
            <translation>&amp;Xuất các hồ sơ đã chọn…</translation>
        </message>
        <message>
            <source>Import dossier packages</source>
            <translation>Nhập gói hồ sơ</translation>
        </message>
        <message>
            <source>Dossier packages (*.dossier);;All files (*)</source>
            <translation>Gói hồ sơ (*.dossier);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Import a CSV batch</source>
            <translation>Nhập loạt hồ sơ từ tệp CSV</translation>
        </message>
        <message>
            <source>CSV files (*.csv);;All files (*)</source>
            <translation>Tệp CSV (*.csv);;Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Import a CSV batch: %1</source>
            <translation>Nhập loạt hồ sơ từ tệp CSV: %1</translation>
        </message>
        <message>
            <source>Export dossier packages to</source>
            <translation>Xuất gói hồ sơ vào thư mục</translation>
        </message>
        <message numerus="yes">
            <source>%n package(s) written to %1</source>
            <translation>
                <numerusform>Đã ghi %n gói hồ sơ vào %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Import and export</source>
            <translation>Nhập và xuất hồ sơ</translation>
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
