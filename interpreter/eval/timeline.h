// A timeline of a run, for the bench (bench/timeline): which step ran on which thread, from when to when. `caqes
// run` keeps one when the environment variable CAQES_TRACE names a file, and writes it there at the end, one line
// per step: the thread (0 the main one, then in the order they first record), start and end in milliseconds since
// the timeline began, and the step's label. Nothing depends on it; without CAQES_TRACE no timeline exists and the
// pass records nothing (PassOptions::timeline is null).
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace caqes {

class Timeline {
 public:
  using Clock = std::chrono::steady_clock;

  Timeline() : start_(Clock::now()) { thread_index(); }

  // A step, recorded from its construction to its end (or its destruction).
  class Step {
   public:
    Step(Timeline* timeline, std::string label)
        : timeline_(timeline), label_(std::move(label)), from_(timeline ? Clock::now() : Clock::time_point()) {}
    ~Step() { end(); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;
    void end() {
      if (!timeline_) return;
      timeline_->record(label_, from_, Clock::now());
      timeline_ = nullptr;
    }

   private:
    Timeline* timeline_;
    std::string label_;
    Clock::time_point from_;
  };

  void record(const std::string& label, Clock::time_point from, Clock::time_point to) {
    std::lock_guard<std::mutex> lock(mutex_);
    steps_.push_back({thread_index_locked(), ms(from), ms(to), label});
  }

  // One line per step, in the order they ended.
  void write(std::FILE* out) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& s : steps_) std::fprintf(out, "%d\t%.3f\t%.3f\t%s\n", s.thread, s.from, s.to, s.label.c_str());
  }

 private:
  struct Entry {
    int thread;
    double from, to;
    std::string label;
  };
  double ms(Clock::time_point t) const { return std::chrono::duration<double, std::milli>(t - start_).count(); }
  int thread_index() {
    std::lock_guard<std::mutex> lock(mutex_);
    return thread_index_locked();
  }
  int thread_index_locked() {
    auto [it, added] = threads_.emplace(std::this_thread::get_id(), static_cast<int>(threads_.size()));
    return it->second;
  }

  Clock::time_point start_;
  mutable std::mutex mutex_;
  std::map<std::thread::id, int> threads_;
  std::vector<Entry> steps_;
};

}  // namespace caqes
