// Writing a result file (output_file.h): an exclusive temporary file beside the target, renamed over it.
#include "cli/output_file.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/cli_messages.h"
#include "data/temporary_files.h"

namespace caqes {

using namespace cli_messages;

namespace {

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A device or a pipe that already exists (after following links): written in place, never created or replaced
// (replacing /dev/null by a file, as root, would break the machine). O_CREAT is not given: nothing can be created
// through a link here.
bool write_in_place(const std::string& path, std::string_view text, Message& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  bool written = fd >= 0 && write_all(fd, text);
  int saved = errno;
  if (fd >= 0 && ::close(fd) != 0 && written) {
    written = false;
    saved = errno;
  }
  if (!written) error = Message(kCannotWrite, path, std::strerror(saved));
  return written;
}

// The permissions the written file gets: those of the regular file it replaces, or what a plain creation would
// give (0666 less the umask). umask can only be read by setting it: nothing else runs at this point.
mode_t final_mode(const struct stat* replaced) {
  if (replaced) return replaced->st_mode & 07777;
  mode_t mask = ::umask(077);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

bool write_output_file(const std::string& path, std::string_view text, const std::vector<std::string>& inputs,
                       Message& error) {
  struct stat target;
  bool exists = ::stat(path.c_str(), &target) == 0;
  if (exists) {
    for (const std::string& input : inputs) {
      struct stat in;
      if (::stat(input.c_str(), &in) == 0 && in.st_dev == target.st_dev && in.st_ino == target.st_ino) {
        error = Message(kOutputIsAnInput, path, input);
        return false;
      }
    }
    if (S_ISDIR(target.st_mode)) {
      error = Message(kCannotWrite, path, std::strerror(EISDIR));
      return false;
    }
    if (!S_ISREG(target.st_mode)) return write_in_place(path, text, error);
  }
  std::filesystem::path target_path(path);
  std::filesystem::path folder = target_path.parent_path();
  if (folder.empty()) folder = ".";
  // A hidden name in the target's folder (so that the rename stays on one file system), six random characters
  // chosen by mkstemp, which creates it with O_EXCL and mode 0600: a name planted in advance makes it pick another.
  std::string temporary = (folder / ("." + target_path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) {
    error = Message(kCannotWrite, path, std::strerror(errno));
    return false;
  }
  remove_on_signal(temporary);
  bool written = write_all(fd, text) && ::fchmod(fd, final_mode(exists ? &target : nullptr)) == 0 && ::fsync(fd) == 0;
  int saved = errno;
  if (::close(fd) != 0 && written) {
    written = false;
    saved = errno;
  }
  if (written && ::rename(temporary.c_str(), path.c_str()) != 0) {
    written = false;
    saved = errno;
  }
  if (!written) {
    ::unlink(temporary.c_str());
    error = Message(kCannotWrite, path, std::strerror(saved));
  }
  keep_after_signal(temporary);
  return written;
}

}  // namespace caqes
