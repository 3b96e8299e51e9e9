// Cassette benchmarks (issue 4 targets), each against a baseline measured in the same run:
//
//  - BM_ReplayLookup: replay lookups per second on a 50,000-interaction cassette (canonical
//    key of the request + hash lookup; target >= 1M/s), cycling through all 50,000 requests
//    so that neither caches nor the branch predictor learn one input (DESIGN.md).
//  - BM_ReplayComplete: CassetteClient::complete() answering each of the 50,000 requests
//    once (what a replaying test does), per request.
//  - BM_LoadVersusNlohmann: opening a ~100 MB cassette (read, strict parse, validation,
//    index) against nlohmann::json::parse of the same file alone; counter "ratio" is
//    synthbench / nlohmann (target: load < 2 s).
//  - BM_SecretScanVersusLoad: the secret scan every write and `cassette verify` run
//    (secrets.hpp: ten patterns, strings decoded from their escapes) over that cassette's
//    text, against parse_cassette of the same text; argument 1 puts an escaped newline in
//    every answer (most strings then take the decoding path, as real answers do).
//  - BM_PeakMemory: peak resident memory of loading that cassette, measured in fresh
//    processes (this program re-executed with --measure-peak=...; VmHWM from
//    /proc/self/status minus that of a process that only starts), against nlohmann alone;
//    counters "peak_over_file" (target < 3) and "peak_over_nlohmann".
//
// Sizes: SYNTHBENCH_BENCH_CASSETTE_MB (default 100) and SYNTHBENCH_BENCH_INTERACTIONS
// (default 50000). ctest's smoke run (--benchmark_min_time=0.001, even in a Debug or
// sanitizer build) defaults to a 4 MB cassette and 5,000 interactions instead, so that it
// stays well under 30 s; the variables still win when set. Files are
// generated once per process in a temporary folder and removed at exit.

#include <synthbench/cassette.hpp>
#include <synthbench/detail/files.hpp>

#include <benchmark/benchmark.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace cassette = synthbench::cassette;
namespace llm = synthbench::llm;

bool smoke_run = false;
std::string self_path;

std::size_t env_size(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

const std::filesystem::path& work_dir() {
  struct Dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("synthbench-cassette-bench-" + std::to_string(::getpid()));
    Dir() { std::filesystem::create_directories(path); }
    ~Dir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static Dir dir;
  return dir.path;
}

// Deterministic filler text (xorshift over a small vocabulary), so runs are comparable.
std::string words(std::uint64_t& state, std::size_t count) {
  static const char* const vocabulary[] = {"play",  "some",   "jazz",   "book",    "a",      "table", "for",
                                           "two",   "tonight", "what",  "is",      "the",    "weather", "in",
                                           "Paris", "tomorrow", "set",  "an",      "alarm",  "at",    "seven"};
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    if (!out.empty()) out += ' ';
    out += vocabulary[state % (sizeof vocabulary / sizeof vocabulary[0])];
  }
  return out;
}

llm::ChatRequest make_request(std::size_t i, std::size_t prompt_words) {
  std::uint64_t state = 0x9E3779B97F4A7C15ull ^ (i * 0x100000001B3ull + 1);
  llm::ChatRequest r;
  r.model = "gpt-4o-mini";
  r.messages = {{"system", "You write test sentences for an intent classifier. " + words(state, prompt_words),
                 nlohmann::json::object()},
                {"user", "Example " + std::to_string(i) + ": " + words(state, 12), nlohmann::json::object()}};
  r.temperature = 1.0;
  r.seed = static_cast<std::int64_t>(i % 7);
  r.max_tokens = 128;
  return r;
}

const cassette::Endpoint endpoint{"openai", "api.openai.com"};

// Writes a cassette of `count` interactions, prompts of `prompt_words` words and answers of
// `answer_words` words.
void write_cassette(const std::filesystem::path& path, std::size_t count, std::size_t prompt_words,
                    std::size_t answer_words) {
  cassette::Cassette c;
  c.metadata.description = "synthetic benchmark data";
  c.interactions.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    cassette::Interaction x;
    x.request = cassette::canonical_key(make_request(i, prompt_words), endpoint);
    std::uint64_t state = i + 17;
    x.response.content = words(state, answer_words);
    x.response.finish_reason = "stop";
    x.response.model = "gpt-4o-mini-2024-07-18";
    x.response.usage = llm::TokenUsage{static_cast<std::int64_t>(prompt_words), static_cast<std::int64_t>(answer_words),
                                       static_cast<std::int64_t>(prompt_words + answer_words)};
    x.response.latency = std::chrono::microseconds(250000 + static_cast<long long>(i % 1000));
    nlohmann::json body = llm::to_openai_json(x.response);
    body["id"] = "chatcmpl-" + std::to_string(i);
    body["created"] = 1760000000 + static_cast<long long>(i);
    x.response.raw_body = body.dump();
    x.recorded_at = "2026-01-01T00:00:00Z";
    c.interactions.push_back(std::move(x));
  }
  synthbench::detail::write_file_atomically(path, cassette::dump_cassette(c));
}

constexpr std::size_t replay_prompt_words = 20;

struct ReplayData {
  std::filesystem::path path;
  std::vector<llm::ChatRequest> requests;
};

const ReplayData& replay_data() {
  static const ReplayData data = [] {
    ReplayData d;
    const std::size_t n = env_size("SYNTHBENCH_BENCH_INTERACTIONS", smoke_run ? 5000 : 50000);
    d.path = work_dir() / "replay.json";
    write_cassette(d.path, n, replay_prompt_words, 20);
    d.requests.reserve(n);
    for (std::size_t i = 0; i < n; ++i) d.requests.push_back(make_request(i, replay_prompt_words));
    return d;
  }();
  return data;
}

cassette::CassetteOptions replay_options() {
  cassette::CassetteOptions o;
  o.mode = cassette::RecordMode::none;
  o.base_url = "https://api.openai.com/v1";
  o.report = [](const std::string&) {};
  return o;
}

void BM_ReplayLookup(benchmark::State& state) {
  const auto& data = replay_data();
  static const cassette::CassetteClient client(data.path, replay_options());  // loaded once per process
  std::size_t i = 0;
  std::size_t hits = 0;
  for (auto _ : state) {
    if (client.contains(data.requests[i])) ++hits;
    if (++i == data.requests.size()) i = 0;
  }
  if (hits != static_cast<std::size_t>(state.iterations())) state.SkipWithError("a lookup missed");
  state.SetItemsProcessed(state.iterations());
  state.counters["interactions"] = static_cast<double>(data.requests.size());
  state.counters["lookups_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReplayLookup);

void BM_ReplayComplete(benchmark::State& state) {
  const auto& data = replay_data();
  for (auto _ : state) {
    state.PauseTiming();
    auto client = std::make_unique<cassette::CassetteClient>(data.path, replay_options());
    state.ResumeTiming();
    for (const auto& r : data.requests) benchmark::DoNotOptimize(client->complete(r));
    state.PauseTiming();
    client.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.requests.size()));
}
BENCHMARK(BM_ReplayComplete)->Unit(benchmark::kMillisecond);

const std::filesystem::path& big_cassette() {
  static const std::filesystem::path path = [] {
    const std::size_t megabytes = env_size("SYNTHBENCH_BENCH_CASSETTE_MB", smoke_run ? 4 : 100);
    // About 4.9 kB of file per interaction with 600-word prompts and 150-word answers.
    const std::size_t count = std::max<std::size_t>(1, megabytes * 1000000 / 4900);
    const auto p = work_dir() / "big.json";
    write_cassette(p, count, 600, 150);
    return p;
  }();
  return path;
}

void BM_LoadVersusNlohmann(benchmark::State& state) {
  const auto& path = big_cassette();
  const double file_mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  double ours = 0;
  double theirs = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    {
      const cassette::CassetteClient client(path, replay_options());
      benchmark::DoNotOptimize(client.size());
    }
    const double t_ours = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    start = std::chrono::steady_clock::now();
    {
      const auto doc = nlohmann::json::parse(synthbench::detail::read_file(path));
      benchmark::DoNotOptimize(doc.size());
    }
    const double t_theirs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(t_ours);
    ours += t_ours;
    theirs += t_theirs;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["file_MB"] = file_mb;
  state.counters["synthbench_s"] = ours / n;
  state.counters["nlohmann_s"] = theirs / n;
  state.counters["ratio"] = ours / theirs;
}
BENCHMARK(BM_LoadVersusNlohmann)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_SecretScanVersusLoad(benchmark::State& state) {
  std::string text = synthbench::detail::read_file(big_cassette());
  if (state.range(0) == 1) {
    std::string escaped;
    escaped.reserve(text.size() + text.size() / 20);
    for (std::size_t at = 0;;) {
      const std::size_t next = text.find(" jazz", at);
      escaped.append(text, at, next == std::string::npos ? std::string::npos : next - at);
      if (next == std::string::npos) break;
      escaped += "\\n jazz";
      at = next + 5;
    }
    text = std::move(escaped);
  }
  const std::vector<std::string> variables{"SYNTHBENCH_BENCH_NO_SUCH_VARIABLE"};
  double scan = 0;
  double load = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(cassette::find_secrets(text, variables).size());
    const double t_scan = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(cassette::parse_cassette(text, "big.json").interactions.size());
    const double t_load = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(t_scan);
    scan += t_scan;
    load += t_load;
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["file_MB"] = static_cast<double>(text.size()) / 1e6;
  state.counters["scan_s"] = scan / n;
  state.counters["load_s"] = load / n;
  state.counters["scan_MB_per_s"] = static_cast<double>(text.size()) / 1e6 / (scan / n);
  state.counters["ratio"] = scan / load;
}
BENCHMARK(BM_SecretScanVersusLoad)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

long high_water_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

// Runs this program with --measure-peak=WHAT FILE and returns the peak it reports (kB).
long child_peak_kb(const char* what, const std::filesystem::path& file) {
  const std::string command = "'" + self_path + "' --measure-peak=" + what + " '" + file.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  long kb = -1;
  if (std::fscanf(pipe, "%ld", &kb) != 1) kb = -1;
  return ::pclose(pipe) == 0 ? kb : -1;
}

void BM_PeakMemory(benchmark::State& state) {
  const auto& path = big_cassette();
  const double file_mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  long base = 0;
  long ours = 0;
  long theirs = 0;
  for (auto _ : state) {
    base = child_peak_kb("none", path);
    ours = child_peak_kb("load", path);
    theirs = child_peak_kb("nlohmann", path);
  }
  if (base < 0 || ours < 0 || theirs < 0) {
    state.SkipWithError("a measuring child process failed");
    return;
  }
  const double ours_mb = static_cast<double>(ours - base) / 1000.0;
  const double theirs_mb = static_cast<double>(theirs - base) / 1000.0;
  state.counters["file_MB"] = file_mb;
  state.counters["synthbench_peak_MB"] = ours_mb;
  state.counters["nlohmann_peak_MB"] = theirs_mb;
  state.counters["peak_over_file"] = ours_mb / file_mb;
  state.counters["peak_over_nlohmann"] = ours_mb / theirs_mb;
}
BENCHMARK(BM_PeakMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

// The child side of BM_PeakMemory: prints the process's peak resident set in kB.
int measure_peak(const std::string& what, const std::string& file) {
  if (what == "load") {
    const cassette::CassetteClient client(file, replay_options());
    benchmark::DoNotOptimize(client.size());
  } else if (what == "nlohmann") {
    const auto doc = nlohmann::json::parse(synthbench::detail::read_file(file));
    benchmark::DoNotOptimize(doc.size());
  } else if (what != "none") {
    return 2;
  }
  std::printf("%ld\n", high_water_kb());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strncmp(argv[1], "--measure-peak=", 15) == 0) return measure_peak(argv[1] + 15, argv[2]);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--benchmark_min_time=", 0) == 0 && std::strtod(arg.c_str() + 21, nullptr) < 0.01) smoke_run = true;
  }
  std::error_code ec;
  self_path = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
