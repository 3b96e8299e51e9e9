// synthbench cassette verify|stats|prune|merge (docs/cli.md, "synthbench cassette").

#include <synthbench/cassette/format.hpp>
#include <synthbench/cassette/secrets.hpp>
#include <synthbench/cassette/storage.hpp>
#include <synthbench/cassette/tools.hpp>
#include <synthbench/cassette/usage.hpp>
#include <synthbench/detail/file_lock.hpp>
#include <synthbench/detail/files.hpp>
#include <synthbench/detail/format.hpp>

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace synthbench_cli {

namespace {

const CommandSpec kCassetteSpec{
    "cassette",
    "verify|stats|prune|merge ...",
    "Checks, summarizes and edits cassettes (recorded LLM interactions, docs/cassette-format.md).\n\n"
    "  verify FILE...                      format, schema, replicates, metadata and secrets\n"
    "  stats FILE... [--format text|json]  interactions, tokens and recorded latency per model\n"
    "  prune --usage USAGE CASSETTE        drop the interactions the last replay did not use\n"
    "  merge OUT IN...                     merge shards recorded by parallel CI jobs\n\n"
    "'synthbench cassette SUBCOMMAND --help' describes each.",
    {},
    "SUBCOMMAND and its arguments"};

const CommandSpec kVerifySpec{
    "cassette verify",
    "FILE...",
    "Checks each cassette: JSON syntax, format version and schema (with the position of the first\n"
    "error), replicate numbering (a gap makes later replicates unreachable), that metadata.hosts and\n"
    "metadata.models list exactly what the interactions hold, and that no secret is in the file: the\n"
    "value of the API key variable ($SYNTHBENCH_API_KEY_ENV, default OPENAI_API_KEY) or of --secret-env\n"
    "variables, API keys and tokens (OpenAI sk-, Bearer, AWS AKIA, GitHub ghp_/github_pat_, Google AIza,\n"
    "Slack xox*-, JWT, PEM private key, Hugging Face hf_), in the raw text and in every decoded string.\n"
    "Each finding is printed as FILE at POSITION: MESSAGE; a secret's message gives its fingerprint: list\n"
    "it in a secret-allowlist.txt beside the file (or in a folder above) to declare a false positive.\n"
    "Exit 1 when any file has a finding (a malformed file is a finding), 2 when a file cannot be read.",
    {{"secret-env", "NAME", "another variable whose value must not appear (repeatable)", true},
     {"allowlist", "FILE", "another allowlist of fingerprints that are not secrets (repeatable)", true}},
    "FILE...  the cassettes to check"};

const CommandSpec kStatsSpec{
    "cassette stats",
    "FILE... [--format text|json]",
    "Prints, per cassette and per answering model, the number of interactions, the prompt and completion\n"
    "tokens the server reported, and the recorded latency (mean, median, max, in ms).",
    {{"format", "FORMAT", "text (default) or json", false}},
    "FILE...  the cassettes to summarize"};

const CommandSpec kPruneSpec{
    "cassette prune",
    "--usage USAGE CASSETTE",
    "Rewrites CASSETTE (atomically) without the interactions that the usage file USAGE does not list.\n"
    "A usage file is written by replay when SYNTHBENCH_CASSETTE_USAGE_DIR is set (see docs/cassettes.md);\n"
    "it must be about CASSETTE (same file name). Prints how many interactions were kept and dropped.",
    {{"usage", "USAGE", "the usage file of the last replay", false},
     {"dry-run", "", "print what would be dropped, change nothing", false}},
    "CASSETTE  the cassette to prune"};

const CommandSpec kMergeSpec{
    "cassette merge",
    "OUT IN...",
    "Merges cassettes IN... (e.g. shards recorded by parallel CI jobs with GoogleTest sharding) into OUT,\n"
    "written atomically (OUT may be one of the inputs). The same request and replicate recorded with\n"
    "different answers (content, finish_reason or model) is a conflict: each is reported, the first input's\n"
    "answer is kept, and the exit status is 1. Identical duplicates are kept once.",
    {{"secret-env", "NAME", "another variable whose value must not be written (repeatable)", true}},
    "OUT IN...  the output file, then the inputs"};

int run_verify(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("cassette verify", err, [&]() {
    const ParsedArgs parsed = parse_args(kVerifySpec, args);
    if (parsed.help) {
      print_help(kVerifySpec, out);
      return static_cast<int>(exit_ok);
    }
    if (parsed.positional.empty()) throw UsageProblem{"give at least one cassette FILE"};
    std::vector<std::string> extra;
    if (parsed.has("secret-env")) extra = parsed.values.at("secret-env");
    const auto variables = synthbench::cassette::secret_variables(extra);
    synthbench::cassette::SecretAllowlist given;
    if (parsed.has("allowlist")) {
      for (const auto& a : parsed.values.at("allowlist")) {
        given.add(synthbench::cassette::parse_secret_allowlist(synthbench::detail::read_file(a), a));
      }
    }
    bool any = false;
    for (const auto& file : parsed.positional) {
      const std::string text = synthbench::detail::read_file(file);
      auto allowed = synthbench::cassette::secret_allowlist_for(file);
      allowed.add(given);
      const auto findings = synthbench::cassette::verify_cassette(text, file, variables, allowed);
      for (const auto& f : findings) {
        std::string message = f.message;
        // Parse errors already carry "FILE at WHERE: "; print them as they are.
        if (message.find(file) != std::string::npos) {
          out << message << "\n";
        } else {
          out << file << " at " << f.where << ": " << message << "\n";
        }
      }
      if (findings.empty()) out << file << ": ok\n";
      any = any || !findings.empty();
    }
    return static_cast<int>(any ? exit_check_failed : exit_ok);
  });
}

int run_stats(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("cassette stats", err, [&]() {
    const ParsedArgs parsed = parse_args(kStatsSpec, args);
    if (parsed.help) {
      print_help(kStatsSpec, out);
      return static_cast<int>(exit_ok);
    }
    if (parsed.positional.empty()) throw UsageProblem{"give at least one cassette FILE"};
    const std::string format = parsed.get("format", "text");
    if (format != "text" && format != "json") throw UsageProblem{"--format must be text or json, got '" + format + "'"};
    nlohmann::ordered_json doc = nlohmann::ordered_json::object();
    for (const auto& file : parsed.positional) {
      const auto cassette = synthbench::cassette::read_cassette(file);
      const auto stats = synthbench::cassette::cassette_stats(cassette);
      if (format == "json") {
        nlohmann::ordered_json models = nlohmann::ordered_json::object();
        for (const auto& s : stats) {
          models[s.model] = {{"interactions", s.interactions},
                             {"prompt_tokens", s.prompt_tokens},
                             {"completion_tokens", s.completion_tokens},
                             {"without_usage", s.without_usage},
                             {"latency_ms", {{"mean", s.latency_ms_mean}, {"median", s.latency_ms_median}, {"max", s.latency_ms_max}}}};
        }
        doc[file] = {{"interactions", cassette.interactions.size()}, {"models", models}};
        continue;
      }
      out << file << ": " << cassette.interactions.size() << " interaction(s)\n";
      out << "  " << std::left << std::setw(32) << "model" << std::right << std::setw(8) << "calls" << std::setw(12)
          << "prompt tok" << std::setw(12) << "compl. tok" << std::setw(11) << "mean ms" << std::setw(11) << "median ms"
          << std::setw(11) << "max ms" << "\n";
      for (const auto& s : stats) {
        out << "  " << std::left << std::setw(32) << (s.model.empty() ? "(unnamed)" : s.model) << std::right << std::setw(8)
            << s.interactions << std::setw(12) << s.prompt_tokens << std::setw(12) << s.completion_tokens << std::setw(11)
            << synthbench::detail::fixed(s.latency_ms_mean, 1) << std::setw(11)
            << synthbench::detail::fixed(s.latency_ms_median, 1) << std::setw(11)
            << synthbench::detail::fixed(s.latency_ms_max, 1) << "\n";
        if (s.without_usage > 0) out << "    (" << s.without_usage << " response(s) reported no token usage)\n";
      }
    }
    if (format == "json") out << doc.dump(2) << "\n";
    return static_cast<int>(exit_ok);
  });
}

int run_prune(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("cassette prune", err, [&]() {
    const ParsedArgs parsed = parse_args(kPruneSpec, args);
    if (parsed.help) {
      print_help(kPruneSpec, out);
      return static_cast<int>(exit_ok);
    }
    const std::string usage_file = parsed.require("usage");
    if (parsed.positional.size() != 1) throw UsageProblem{"give exactly one CASSETTE"};
    const std::string file = parsed.positional[0];
    const auto usage = synthbench::cassette::read_usage(usage_file);
    if (std::filesystem::path(usage.cassette).filename() != std::filesystem::path(file).filename()) {
      throw synthbench::InputError(421, usage_file, "/cassette",
                                   "the usage file is about " + usage.cassette + ", not " + file);
    }
    synthbench::detail::FileLock lock(synthbench::cassette::lock_path(file));  // as every writer of a cassette
    const auto cassette = synthbench::cassette::read_cassette(file);
    std::size_t removed = 0;
    const auto pruned = synthbench::cassette::prune_cassette(cassette, usage, &removed);
    out << file << ": kept " << pruned.interactions.size() << ", " << (parsed.has("dry-run") ? "would drop " : "dropped ")
        << removed << " unused interaction(s)\n";
    if (removed > 0 && !parsed.has("dry-run")) {
      synthbench::cassette::write_cassette(file, pruned, synthbench::cassette::secret_variables());
    }
    return static_cast<int>(exit_ok);
  });
}

int run_merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("cassette merge", err, [&]() {
    const ParsedArgs parsed = parse_args(kMergeSpec, args);
    if (parsed.help) {
      print_help(kMergeSpec, out);
      return static_cast<int>(exit_ok);
    }
    if (parsed.positional.size() < 2) throw UsageProblem{"give OUT and at least one IN"};
    const std::string output = parsed.positional[0];
    synthbench::detail::FileLock lock(synthbench::cassette::lock_path(output));  // as every writer of a cassette
    std::vector<std::pair<std::string, synthbench::cassette::Cassette>> inputs;
    for (std::size_t i = 1; i < parsed.positional.size(); ++i) {
      inputs.emplace_back(parsed.positional[i], synthbench::cassette::read_cassette(parsed.positional[i]));
    }
    const auto merged = synthbench::cassette::merge_cassettes(inputs);
    std::vector<std::string> extra;
    if (parsed.has("secret-env")) extra = parsed.values.at("secret-env");
    synthbench::cassette::write_cassette(output, merged.cassette, synthbench::cassette::secret_variables(extra));
    for (const auto& c : merged.conflicts) {
      std::string request = c.request.size() > 200 ? c.request.substr(0, 197) + "..." : c.request;
      out << "conflict: replicate " << c.replicate << " of " << request << "\n  differs in " << c.difference
          << " between " << c.kept_from << " (kept) and " << c.dropped_from << " (dropped)\n";
    }
    out << output << ": " << merged.cassette.interactions.size() << " interaction(s) from " << inputs.size()
        << " input(s), " << merged.duplicates << " duplicate(s), " << merged.conflicts.size() << " conflict(s)\n";
    return static_cast<int>(merged.conflicts.empty() ? exit_ok : exit_check_failed);
  });
}

}  // namespace

int run_cassette(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    print_help(kCassetteSpec, args.empty() ? err : out);
    return args.empty() ? static_cast<int>(exit_bad_input) : static_cast<int>(exit_ok);
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "verify") return run_verify(rest, out, err);
  if (args[0] == "stats") return run_stats(rest, out, err);
  if (args[0] == "prune") return run_prune(rest, out, err);
  if (args[0] == "merge") return run_merge(rest, out, err);
  err << "synthbench cassette: unknown subcommand '" << args[0] << "' (see synthbench cassette --help)\n";
  return exit_bad_input;
}

}  // namespace synthbench_cli
