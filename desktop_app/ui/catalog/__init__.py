"""The procedure catalogue: filters, search as you type, procedure details, "Tạo hồ sơ"."""
