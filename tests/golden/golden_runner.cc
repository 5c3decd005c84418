// golden_runner: runs the command-line conformance cases of tests/golden.
//
//   golden_runner CAQES_BINARY CASES_DIR [FILTER]
//
// Each folder of CASES_DIR holding a case.yaml is one case (folders without one, such as shared data, are skipped;
// FILTER keeps the cases whose name contains it). The runner starts the binary with the case's arguments (fork and
// exec, no shell, NO_COLOR=1, SOURCE_DATE_EPOCH fixed, 10 s at most), captures stdout and stderr, and compares them with what the case
// expects. It prints `ok CASE` or `FAIL CASE: why` per case, then `N passed, M failed`, and exits 0 only if every
// case passed. It runs from the source root, so that a case can name rules/caqes-2022.
//
// case.yaml keys (see tests/golden/README.md):
//   description          one line: what the case checks (required)
//   args                 the arguments after the binary (required); "{case}" stands for the case folder, "{tmp}"
//                        for an empty temporary folder made for the case and removed after it, "{golden}" for
//                        the cases folder (where shared rules and data live)
//   exit                 the expected exit code (required)
//   stdout_contains, stderr_contains, stdout_not_contains, stderr_not_contains   lists of substrings
//   stdout_equals, stderr_equals                   the whole output, as a string
//   stdout_equals_file, stderr_equals_file         the whole output, as a file of the case folder
//   stdout_matches, stderr_matches, stdout_not_matches, stderr_not_matches
//                                                  lists of regular expressions (ECMAScript), each searched in every
//                                                  line: *_matches needs a line where it matches, *_not_matches none
//   stderr_count, stdout_count                     map: substring → exact number of occurrences
//   files_equal                                    map: path written by the command ("{tmp}/x.csv") → file of the case
//   files_absent                                   list of paths the command must not have created
//
// Whatever a case's command writes with `--format json` (to stdout, or to its --output file) must also parse as
// JSON (nlohmann::json::parse): the JSON outputs are written by the program's own writer, and a case that only
// checks substrings of them would not see a broken document.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace {

constexpr int kTimeoutSeconds = 10;
constexpr std::size_t kShownOutput = 3000;  // characters of stdout/stderr shown with a failure

struct Outcome {
  bool started = false;
  std::string start_error;
  bool timed_out = false;
  int exit_code = -1;
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs `argv` with NO_COLOR=1, capturing both streams through pipes read with poll (no deadlock whatever the
// child writes first), and kills it after kTimeoutSeconds.
Outcome run_process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {}) {
  Outcome r;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    r.start_error = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  std::vector<std::string> env_store;
  for (char** e = environ; *e; ++e) {
    // The cases are written against the English messages: whatever the machine's locale, run in English.
    if (std::strncmp(*e, "NO_COLOR=", 9) != 0 && std::strncmp(*e, "LANG=", 5) != 0 && std::strncmp(*e, "LC_ALL=", 7) != 0 &&
        std::strncmp(*e, "LC_MESSAGES=", 12) != 0 && std::strncmp(*e, "SOURCE_DATE_EPOCH=", 18) != 0)
      env_store.emplace_back(*e);
  }
  // The date in the manifest of `caqes run`'s outputs: fixed (2026-01-01T00:00:00Z), so outputs compare byte for byte.
  env_store.emplace_back("SOURCE_DATE_EPOCH=1767225600");
  env_store.emplace_back("NO_COLOR=1");
  env_store.emplace_back("LC_ALL=C.UTF-8");
  for (const auto& e : extra_env) env_store.push_back(e);
  std::vector<char*> envp;
  for (auto& s : env_store) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_store = argv;
  std::vector<char*> args;
  for (auto& s : args_store) args.push_back(s.data());
  args.push_back(nullptr);

  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) {
    r.start_error = std::string("fork: ") + std::strerror(errno);
    return r;
  }
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[0]);
    close(err_pipe[1]);
    setpgid(0, 0);  // its own group, so that a timeout kills whatever it started too
    execve(args[0], args.data(), envp.data());
    std::string msg = std::string("golden_runner: cannot execute ") + args[0] + ": " + std::strerror(errno) + "\n";
    (void)!write(2, msg.data(), msg.size());
    _exit(127);
  }
  r.started = true;
  close(out_pipe[1]);
  close(err_pipe[1]);
  fcntl(out_pipe[0], F_SETFL, O_NONBLOCK);
  fcntl(err_pipe[0], F_SETFL, O_NONBLOCK);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kTimeoutSeconds);
  struct pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_count = 2;
  char buf[65536];
  while (open_count > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      r.timed_out = true;
      break;
    }
    int n = poll(fds, 2, static_cast<int>(left.count()));
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(got));
      } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  if (r.timed_out) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  // The streams are closed; the child may still be running (it closed them itself): wait up to the deadline.
  while (true) {
    pid_t w = waitpid(pid, &status, r.timed_out ? 0 : WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      continue;
    }
    usleep(2000);
  }
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::size_t count_occurrences(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return 0;
  std::size_t n = 0;
  for (std::size_t pos = 0; (pos = hay.find(needle, pos)) != std::string::npos; pos += needle.size()) ++n;
  return n;
}

std::string shown(const std::string& name, const std::string& text) {
  std::string t = text.size() > kShownOutput ? text.substr(0, kShownOutput) + "\n[... " +
                                                   std::to_string(text.size() - kShownOutput) + " more bytes]"
                                             : text;
  if (t.empty()) return "    " + name + ": (empty)\n";
  std::string indented;
  std::istringstream lines(t);
  std::string line;
  while (std::getline(lines, line)) indented += "    | " + line + "\n";
  return "    " + name + ":\n" + indented;
}

// First line where two texts differ, for a failing *_equals comparison.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream e(expected), a(actual);
  std::string le, la;
  for (int line = 1;; ++line) {
    bool he = static_cast<bool>(std::getline(e, le));
    bool ha = static_cast<bool>(std::getline(a, la));
    if (!he && !ha) return "they differ only in the final line break";
    if (!he || !ha || le != la) {
      return "first difference on line " + std::to_string(line) + ": expected " + (he ? "'" + le + "'" : "end of text") +
             ", got " + (ha ? "'" + la + "'" : "end of text");
    }
  }
}

// Whether some line of `text` matches `pattern` (regex_search); a bad pattern is reported in `why`.
bool any_line_matches(const std::string& text, const std::string& pattern, std::vector<std::string>& why) {
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    why.push_back("case.yaml: bad regular expression /" + pattern + "/: " + e.what());
    return false;
  }
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    if (std::regex_search(line, re)) return true;
  return false;
}

class Case {
 public:
  Case(std::string name, fs::path dir, std::string dir_arg, std::string golden_arg, std::string binary)
      : name_(std::move(name)),
        dir_(std::move(dir)),
        dir_arg_(std::move(dir_arg)),
        golden_arg_(std::move(golden_arg)),
        binary_(std::move(binary)) {}

  // Returns the reasons of failure (empty: passed).
  std::vector<std::string> run() {
    std::vector<std::string> why;
    YAML::Node spec;
    try {
      spec = YAML::LoadFile((dir_ / "case.yaml").string());
    } catch (const YAML::Exception& e) {
      return {"case.yaml: " + std::string(e.what())};
    }
    if (!spec.IsMap()) return {"case.yaml: not a map"};
    static const std::set<std::string> known = {
        "description",         "args",          "exit",           "stdout_contains",    "stderr_contains",
        "stdout_not_contains", "stderr_not_contains", "stdout_equals", "stderr_equals", "stdout_equals_file",
        "stderr_equals_file",  "stdout_count",  "stderr_count",   "files_equal",        "files_absent",
        "stdout_matches",      "stderr_matches", "stdout_not_matches", "stderr_not_matches", "env"};
    for (const auto& kv : spec) {
      std::string key = kv.first.as<std::string>();
      if (!known.count(key)) why.push_back("case.yaml: unknown key '" + key + "'");
    }
    if (!spec["description"] || spec["description"].as<std::string>("").empty())
      why.push_back("case.yaml: 'description' is required");
    if (!spec["args"] || !spec["args"].IsSequence()) why.push_back("case.yaml: 'args' (a list) is required");
    if (!spec["exit"]) why.push_back("case.yaml: 'exit' is required");
    if (!why.empty()) return why;

    make_tmp();
    std::vector<std::string> argv{binary_};
    try {
      for (const auto& a : spec["args"]) argv.push_back(subst(a.as<std::string>()));
      std::vector<std::string> env;
      if (spec["env"])
        for (const auto& kv : spec["env"]) env.push_back(kv.first.as<std::string>() + "=" + subst(kv.second.as<std::string>()));
      Outcome r = run_process(argv, env);
      check(spec, r, why);
    } catch (const YAML::Exception& e) {
      why.push_back("case.yaml: " + std::string(e.what()));
    }
    remove_tmp();
    return why;
  }

 private:
  std::string subst(const std::string& s) const {
    return replace_all(replace_all(replace_all(s, "{case}", dir_arg_), "{tmp}", tmp_.string()), "{golden}", golden_arg_);
  }

  void make_tmp() {
    std::string pattern = (fs::temp_directory_path() / ("golden-" + name_ + "-XXXXXX")).string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data())) tmp_ = buf.data();
  }
  void remove_tmp() {
    std::error_code ec;
    if (!tmp_.empty()) fs::remove_all(tmp_, ec);
  }

  std::vector<std::string> list(const YAML::Node& spec, const char* key) const {
    std::vector<std::string> v;
    if (!spec[key]) return v;
    if (spec[key].IsScalar()) return {subst(spec[key].as<std::string>())};
    for (const auto& s : spec[key]) v.push_back(subst(s.as<std::string>()));
    return v;
  }

  void check(const YAML::Node& spec, const Outcome& r, std::vector<std::string>& why) const {
    if (!r.started) {
      why.push_back("could not start: " + r.start_error);
      return;
    }
    bool show_out = false, show_err = false;
    if (r.timed_out) {
      why.push_back("timed out after " + std::to_string(kTimeoutSeconds) + " s (killed)");
      show_out = show_err = true;
    } else if (r.signal != 0) {
      why.push_back("crashed: killed by signal " + std::to_string(r.signal) + " (" + strsignal(r.signal) + ")");
      show_out = show_err = true;
    }
    int expected_exit = spec["exit"].as<int>();
    if (!r.timed_out && r.signal == 0 && r.exit_code != expected_exit) {
      why.push_back("exit code " + std::to_string(r.exit_code) + ", expected " + std::to_string(expected_exit));
      show_out = show_err = true;
    }
    struct Stream {
      const char* name;
      const std::string& text;
      bool& show;
    };
    Stream streams[2] = {{"stdout", r.out, show_out}, {"stderr", r.err, show_err}};
    for (auto& s : streams) {
      std::string n = s.name;
      for (const auto& needle : list(spec, (n + "_contains").c_str())) {
        if (s.text.find(needle) == std::string::npos) {
          why.push_back(n + " lacks \"" + needle + "\"");
          s.show = true;
        }
      }
      for (const auto& needle : list(spec, (n + "_not_contains").c_str())) {
        if (s.text.find(needle) != std::string::npos) {
          why.push_back(n + " should not contain \"" + needle + "\"");
          s.show = true;
        }
      }
      for (const auto& pattern : list(spec, (n + "_matches").c_str())) {
        if (!any_line_matches(s.text, pattern, why)) {
          why.push_back(n + " has no line matching /" + pattern + "/");
          s.show = true;
        }
      }
      for (const auto& pattern : list(spec, (n + "_not_matches").c_str())) {
        if (any_line_matches(s.text, pattern, why)) {
          why.push_back(n + " should have no line matching /" + pattern + "/");
          s.show = true;
        }
      }
      if (auto node = spec[n + "_equals"]) {
        std::string expected = subst(node.as<std::string>());
        if (s.text != expected) {
          why.push_back(n + (expected.empty() ? " should be empty" : " differs: " + first_difference(expected, s.text)));
          s.show = true;
        }
      }
      if (auto node = spec[n + "_equals_file"]) {
        std::string expected;
        if (!read_file(dir_ / node.as<std::string>(), expected)) {
          why.push_back("cannot read " + node.as<std::string>());
        } else if (s.text != expected) {
          why.push_back(n + " differs from " + node.as<std::string>() + ": " + first_difference(expected, s.text));
          s.show = true;
        }
      }
      if (auto node = spec[n + "_count"]) {
        for (const auto& kv : node) {
          std::string needle = subst(kv.first.as<std::string>());
          std::size_t want = kv.second.as<std::size_t>();
          std::size_t got = count_occurrences(s.text, needle);
          if (got != want) {
            why.push_back(n + " has \"" + needle + "\" " + std::to_string(got) + " times, expected " + std::to_string(want));
            s.show = true;
          }
        }
      }
    }
    if (auto node = spec["files_equal"]) {
      for (const auto& kv : node) {
        std::string path = subst(kv.first.as<std::string>());
        std::string expected_name = kv.second.as<std::string>();
        std::string actual, expected;
        if (!read_file(path, actual)) {
          why.push_back("the command did not write " + kv.first.as<std::string>());
        } else if (!read_file(dir_ / expected_name, expected)) {
          why.push_back("cannot read " + expected_name);
        } else if (actual != expected) {
          why.push_back(kv.first.as<std::string>() + " differs from " + expected_name + ": " +
                        first_difference(expected, actual) + "\n" + shown(kv.first.as<std::string>(), actual));
        }
      }
    }
    check_json_outputs(spec, r, why, show_out);
    for (const auto& path : list(spec, "files_absent")) {
      std::error_code ec;
      if (fs::exists(path, ec)) why.push_back("the command should not have created " + path);
    }
    if (!why.empty()) {
      why.push_back("command: " + command_line(spec));
      if (show_out) why.push_back(shown("stdout", r.out));
      if (show_err) why.push_back(shown("stderr", r.err));
    }
  }

  // With `--format json`: what the command wrote, to stdout or to --output, parses as JSON.
  void check_json_outputs(const YAML::Node& spec, const Outcome& r, std::vector<std::string>& why, bool& show_out) const {
    std::vector<std::string> args;
    for (const auto& a : spec["args"]) args.push_back(subst(a.as<std::string>()));
    auto value_of = [&](const char* option) {
      auto it = std::find(args.begin(), args.end(), option);
      return it != args.end() && it + 1 != args.end() ? *(it + 1) : std::string();
    };
    if (value_of("--format") != "json") return;
    auto parses = [&](const std::string& what, const std::string& text) {
      try {
        nlohmann::json document = nlohmann::json::parse(text);
        if (document.is_object() || document.is_array()) return true;
        why.push_back(what + " is JSON but neither an object nor an array");
      } catch (const nlohmann::json::parse_error& e) {
        why.push_back(what + " is not valid JSON: " + e.what());
      }
      return false;
    };
    std::string output = value_of("--output");
    std::string written;
    if (!output.empty() && output != "-") {
      if (read_file(output, written)) parses(output, written);
    } else if (!r.out.empty() && !parses("stdout", r.out)) {
      show_out = true;
    }
  }

  std::string command_line(const YAML::Node& spec) const {
    std::string s = "caqes";
    for (const auto& a : spec["args"]) {
      std::string arg = subst(a.as<std::string>());
      bool quote = arg.empty() || arg.find_first_of(" \t'\"$;&|<>*?") != std::string::npos;
      s += " " + (quote ? "'" + replace_all(arg, "'", "'\\''") + "'" : arg);
    }
    return s;
  }

  std::string name_;
  fs::path dir_;
  std::string dir_arg_;
  std::string golden_arg_;
  std::string binary_;
  fs::path tmp_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: golden_runner CAQES_BINARY CASES_DIR [FILTER]\n");
    return 2;
  }
  std::string binary = fs::absolute(argv[1]).string();
  fs::path cases_dir = argv[2];
  std::string filter = argc == 4 ? argv[3] : "";
  std::error_code ec;
  if (!fs::is_directory(cases_dir, ec)) {
    std::fprintf(stderr, "golden_runner: '%s' is not a directory\n", argv[2]);
    return 2;
  }
  // "{case}" is the case folder relative to the working directory when it lies under it, so that the messages
  // the cases expect ("tests/golden/x/rules.caqes:4:17") do not depend on where the source tree is.
  fs::path cwd = fs::current_path();
  fs::path base = fs::weakly_canonical(cases_dir);
  auto shown_path = [&](const fs::path& p) {
    fs::path rel = p.lexically_relative(cwd);
    return (!rel.empty() && *rel.begin() != "..") ? rel.string() : p.string();
  };
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(base)) {
    if (entry.is_directory() && fs::exists(entry.path() / "case.yaml")) {
      std::string n = entry.path().filename().string();
      if (filter.empty() || n.find(filter) != std::string::npos) names.push_back(n);
    }
  }
  std::sort(names.begin(), names.end());
  int passed = 0, failed = 0;
  for (const auto& n : names) {
    fs::path dir = base / n;
    Case c(n, dir, shown_path(dir), shown_path(base), binary);
    auto why = c.run();
    if (why.empty()) {
      ++passed;
      std::printf("ok %s\n", n.c_str());
    } else {
      ++failed;
      std::printf("FAIL %s: %s\n", n.c_str(), why[0].c_str());
      for (std::size_t i = 1; i < why.size(); ++i) {
        std::string line = why[i];
        if (!line.empty() && line.back() == '\n') line.pop_back();
        std::printf("%s%s\n", line.rfind("    ", 0) == 0 ? "" : "  ", line.c_str());
      }
    }
    std::fflush(stdout);
  }
  if (names.empty()) std::fprintf(stderr, "golden_runner: no case found in %s\n", argv[2]);
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && !names.empty() ? 0 : 1;
}
