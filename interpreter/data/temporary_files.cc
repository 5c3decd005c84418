// The list of temporary paths and the thread that removes them on a signal (temporary_files.h). A thread that
// waits with sigwait runs ordinary code, so the removal need not be limited to async-signal-safe calls.
#include "data/temporary_files.h"

#include <pthread.h>
#include <signal.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

namespace caqes {

namespace {

struct Listed {
  std::mutex mutex;
  std::set<std::string> paths;
};

Listed& listed() {
  static Listed* the = new Listed;  // never destroyed: the signal thread may use it while main returns
  return *the;
}

// The signals that stop a run, less those the process was started ignoring (`nohup`, a background job of a
// script): those must keep being ignored.
sigset_t stopping_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (sigaction(s, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
    sigaddset(&set, s);
  }
  return set;
}

void remove_listed() {
  Listed& l = listed();
  std::lock_guard<std::mutex> lock(l.mutex);
  for (const std::string& path : l.paths) {
    // Twice: a worker may have created a file in a folder between the listing and the removal.
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  }
  l.paths.clear();
}

[[noreturn]] void wait_and_stop(sigset_t set) {
  int received = 0;
  while (sigwait(&set, &received) != 0) {
  }
  remove_listed();
  // The same signal again, now with its default action and unblocked in this thread: the process ends by it.
  signal(received, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, received);
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  raise(received);
  std::abort();  // not reached
}

}  // namespace

void remove_temporary_files_on_signal() {
  sigset_t set = stopping_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(wait_and_stop, set).detach();
}

void remove_on_signal(const std::string& path) {
  Listed& l = listed();
  std::lock_guard<std::mutex> lock(l.mutex);
  l.paths.insert(path);
}

void keep_after_signal(const std::string& path) {
  Listed& l = listed();
  std::lock_guard<std::mutex> lock(l.mutex);
  l.paths.erase(path);
}

}  // namespace caqes
