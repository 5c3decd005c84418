// The temporary files and folders of a run (spill folders, a result being written), removed when the process is
// stopped by SIGINT, SIGTERM or SIGHUP. Their owners remove them on every other way out (a return, an exception);
// a signal unwinds nothing, so they are also listed here, for the one thread that waits for these signals.
//
// This is the one piece of mutable state shared by the whole process, on purpose: a signal is sent to the process,
// not to a run.
#pragma once

#include <string>

namespace caqes {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (and so in every thread it starts later) and starts a
// thread that waits for them: when one arrives, it removes every listed path (with its contents) and ends the
// process by the same signal, as if it had not been caught (the shell sees 130 for ^C, 143 for SIGTERM). Call it
// first thing in main, before any other thread exists. Nothing can be done after SIGKILL: see the README.
void remove_temporary_files_on_signal();

// Lists `path` (a file, or a folder removed with its contents), or takes it off the list.
void remove_on_signal(const std::string& path);
void keep_after_signal(const std::string& path);

}  // namespace caqes
