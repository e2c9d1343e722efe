// Whole-file reads and writes that need no VM, so that the event loop's thread pool can
// run them too (gene/io/read_async). Each returns 0 or the errno that stopped it.
#pragma once
#include <string>
#include <string_view>

namespace gene {

int read_file_text(const std::string& path, std::string* out);
// mode is "wb" (replace) or "ab" (append).
int write_file_text(const std::string& path, std::string_view text, const char* mode);
// "Failed to <what> '<path>': <OS reason>", the message of every file error.
std::string file_error_message(const char* what, const std::string& path, int err);

}  // namespace gene
