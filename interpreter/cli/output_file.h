// The one way caqes writes a file (`--output`, `fmt`): whole or not at all, through a temporary file that no other
// user can have planted, and never over a file the command reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "syntax/message.h"

namespace caqes {

// Writes `text` to `path`. A regular file (or a name not yet taken) is written through a fresh temporary file in
// the same folder (mkstemp: a name no one can predict, created exclusively with mode 0600, so a link planted there
// is never followed), then given the target's permissions (those of the file it replaces, or 0666 less the umask)
// and renamed over `path` in one step: a reader sees the old file or the new one, never a part, and runs writing
// the same path at the same time each write a whole file. A device or a pipe (/dev/null, /dev/stdout) is written in
// place. `inputs` are the files the command read: a `path` that is one of them (the same device and inode, whatever
// its name) is refused. False, with the reason in `error`, if nothing was written.
bool write_output_file(const std::string& path, std::string_view text, const std::vector<std::string>& inputs,
                       Message& error);

}  // namespace caqes
