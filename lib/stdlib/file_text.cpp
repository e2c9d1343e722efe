#include "stdlib/file_text.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace gene {

namespace {
using FilePtr = std::unique_ptr<FILE, int (*)(FILE*)>;

FilePtr open_file(const std::string& path, const char* mode, int* err) {
  struct stat st;
  // fopen succeeds on a directory; reading it would fail later with a vaguer reason.
  if (stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    *err = EISDIR;
    return FilePtr(nullptr, std::fclose);
  }
  FILE* f = std::fopen(path.c_str(), mode);
  *err = f ? 0 : errno;
  return FilePtr(f, std::fclose);
}
}  // namespace

int read_file_text(const std::string& path, std::string* out) {
  int err;
  FilePtr f = open_file(path, "rb", &err);
  if (!f) return err;
  struct stat st;
  if (fstat(fileno(f.get()), &st) == 0 && st.st_size > 0) out->reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out->append(buf, n);
  return std::ferror(f.get()) ? errno : 0;
}

int write_file_text(const std::string& path, std::string_view text, const char* mode) {
  int err;
  FilePtr f = open_file(path, mode, &err);
  if (!f) return err;
  if (std::fwrite(text.data(), 1, text.size(), f.get()) != text.size() || std::fflush(f.get()) != 0) return errno;
  return 0;
}

std::string file_error_message(const char* what, const std::string& path, int err) {
  return fmt::format("Failed to {} '{}': {}", what, path, std::strerror(err));
}

}  // namespace gene
