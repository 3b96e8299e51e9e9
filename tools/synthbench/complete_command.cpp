// synthbench complete: one chat request from the command line through the same recorder the
// tests use (docs/cli.md, "synthbench complete"): for trying an endpoint and for debugging a
// cassette miss.

#include <synthbench/cassette/client.hpp>
#include <synthbench/cassette/errors.hpp>
#include <synthbench/cassette/mode.hpp>
#include <synthbench/detail/files.hpp>
#include <synthbench/detail/json_input.hpp>
#include <synthbench/error.hpp>
#include <synthbench/llm/chat.hpp>
#include <synthbench/llm/openai_json.hpp>
#include <synthbench/llm/outcome.hpp>
#include <synthbench/llm/provider.hpp>
#if SYNTHBENCH_CLI_HAS_HTTP
#include <synthbench/http/errors.hpp>
#include <synthbench/http/make_client.hpp>
#endif

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"

namespace synthbench_cli {

namespace {

const CommandSpec kCompleteSpec{
    "complete",
    "--model M (--prompt TEXT | --request FILE) [--base-url URL] [--provider openai|anthropic]\n"
    "                           [--api-key-env NAME] [--cassette FILE] [--record none|once|new_episodes|all]\n"
    "                           [--format text|json]",
    "Sends one chat request and prints how it ended: its outcome (answer, refusal, content_filter,\n"
    "length, tool_calls, provider_error, transient_failure), content, finish reason, model and usage.\n"
    "With --cassette it goes through the same recorder as the tests: --record (default: $SYNTHBENCH_RECORD,\n"
    "else none) says whether it replays only (none: no network), records a missing answer (once,\n"
    "new_episodes) or records again (all); a miss prints the field-level diff against the nearest\n"
    "recorded request. Without --cassette the request goes to the endpoint directly.\n"
    "--request FILE is a chat-completions request body (JSON, '-' for standard input); --model replaces\n"
    "its model. --prompt TEXT sends one user message.\n"
    "Output (text): the answer's content, or \"OUTCOME: what\" for any other outcome. With --format json:\n"
    "one object {\"outcome\", \"content\", \"finish_reason\", \"model\", \"usage\": {\"prompt_tokens\",\n"
    "\"completion_tokens\", \"total_tokens\", \"cached_tokens\", \"reasoning_tokens\"} or null, \"replayed\",\n"
    "and \"refusal\", \"reasoning\", \"tool_calls\", \"choices\", \"error\", \"status\", \"attempts\" where they apply}.\n"
    "Exit 0 for an answer, 1 for any other outcome or a cassette miss, 2 for bad input or usage (a\n"
    "rejected key, an unknown model and an unreachable base URL included).",
    {{"model", "M", "the model to ask (required)", false},
     {"prompt", "TEXT", "the user message", false},
     {"request", "FILE", "a request body instead of --prompt ('-': standard input)", false},
     {"base-url", "URL", "the endpoint (default: $SYNTHBENCH_BASE_URL, else the provider's public API)", false},
     {"provider", "NAME", "openai or anthropic (default: $SYNTHBENCH_PROVIDER, else openai)", false},
     {"api-key-env", "NAME", "the variable holding the API key (default: OPENAI_API_KEY, ANTHROPIC_API_KEY)", false},
     {"cassette", "FILE", "record and replay through this cassette", false},
     {"record", "MODE", "none, once, new_episodes or all (with --cassette)", false},
     {"format", "FORMAT", "text (default) or json", false}},
    ""};

synthbench::llm::ChatRequest build_request(const ParsedArgs& parsed) {
  const bool has_prompt = parsed.has("prompt");
  const bool has_request = parsed.has("request");
  if (has_prompt == has_request) throw UsageProblem{"give exactly one of --prompt TEXT and --request FILE"};
  synthbench::llm::ChatRequest request;
  if (has_prompt) {
    request.messages.push_back({"user", parsed.get("prompt"), nlohmann::json::object()});
  } else {
    const std::string file = parsed.get("request");
    const std::string text = file == "-" ? read_stdin() : synthbench::detail::read_file(file);
    const std::string source = file == "-" ? "<stdin>" : file;
    nlohmann::json body = synthbench::detail::parse_json_strict<nlohmann::json>(text, source);
    if (body.is_object() && !body.contains("model")) body["model"] = parsed.require("model");
    request = synthbench::llm::chat_request_from_openai_json(body, source);
  }
  request.model = parsed.require("model");
  return request;
}

nlohmann::ordered_json to_json(const synthbench::llm::ChatResponse& r) {
  nlohmann::ordered_json j;
  j["outcome"] = synthbench::llm::to_string(r.outcome);
  j["content"] = r.content;
  j["finish_reason"] = r.finish_reason;
  j["model"] = r.model;
  if (r.usage) {
    j["usage"] = {{"prompt_tokens", r.usage->prompt_tokens},
                  {"completion_tokens", r.usage->completion_tokens},
                  {"total_tokens", r.usage->total_tokens},
                  {"cached_tokens", r.usage->cached_tokens},
                  {"reasoning_tokens", r.usage->reasoning_tokens}};
  } else {
    j["usage"] = nullptr;
  }
  j["replayed"] = r.replayed;
  if (!r.refusal.empty()) j["refusal"] = r.refusal;
  if (!r.reasoning.empty()) j["reasoning"] = r.reasoning;
  if (!r.tool_calls.empty()) {
    j["tool_calls"] = nlohmann::ordered_json::array();
    for (const auto& t : r.tool_calls) {
      j["tool_calls"].push_back({{"id", t.id}, {"type", t.type}, {"name", t.name}, {"arguments", t.arguments}});
    }
  }
  if (r.choices.size() > 1) j["choices"] = r.choices.size();
  if (synthbench::llm::is_failure(r.outcome)) {
    j["error"] = r.error;
    j["status"] = r.status;
    j["attempts"] = r.attempts;
  }
  return j;
}

// "refusal: I can't help with that." for the text format.
std::string what_instead(const synthbench::llm::ChatResponse& r) {
  switch (r.outcome) {
    case synthbench::llm::Outcome::refusal: return r.refusal;
    case synthbench::llm::Outcome::content_filter: return "the content filter removed the answer";
    case synthbench::llm::Outcome::tool_calls: {
      std::string names;
      for (const auto& t : r.tool_calls) names += (names.empty() ? "" : ", ") + t.name + "(" + t.arguments + ")";
      return names;
    }
    case synthbench::llm::Outcome::length: return r.content;
    default: return r.error;
  }
}

int complete(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(kCompleteSpec, args);
  if (parsed.help) {
    print_help(kCompleteSpec, out);
    return static_cast<int>(exit_ok);
  }
  const std::string format = parsed.get("format", "text");
  if (format != "text" && format != "json") throw UsageProblem{"--format must be text or json, got '" + format + "'"};
  std::optional<synthbench::llm::Provider> provider;
  if (parsed.has("provider")) {
    provider = synthbench::llm::provider_from_string(parsed.get("provider"));
    if (!provider) throw UsageProblem{"--provider must be openai or anthropic, got '" + parsed.get("provider") + "'"};
  }
  const synthbench::llm::Provider p = synthbench::llm::resolve_provider(provider);
  if (parsed.has("api-key-env")) ::setenv("SYNTHBENCH_API_KEY_ENV", parsed.get("api-key-env").c_str(), 1);
  if (parsed.has("record") && !parsed.has("cassette")) throw UsageProblem{"--record needs --cassette FILE"};
  const synthbench::llm::ChatRequest request = build_request(parsed);
  const std::string base_url = synthbench::llm::resolve_base_url(p, parsed.get("base-url"));

  std::shared_ptr<synthbench::llm::ChatClient> upstream;
  const auto make_upstream = [&]() -> std::shared_ptr<synthbench::llm::ChatClient> {
#if SYNTHBENCH_CLI_HAS_HTTP
    synthbench::http::HttpOptions o;
    o.base_url = base_url;
    return synthbench::http::make_client(o, p);
#else
    throw synthbench::UsageError(97, "this synthbench program was built without libcurl: it can only replay "
                                     "(--cassette FILE --record none)");
#endif
  };
  synthbench::llm::ChatResponse response;
  try {
    if (parsed.has("cassette")) {
      synthbench::cassette::CassetteOptions o;
      if (parsed.has("record")) o.mode = synthbench::cassette::parse_record_mode(parsed.get("record"), "--record");
      o.provider = synthbench::llm::to_string(p);
      o.base_url = base_url;
      o.record_command = "synthbench complete --record new_episodes ... (the same arguments)";
      o.report = [&err](const std::string& note) { err << "synthbench complete: " << note << "\n"; };
      synthbench::cassette::CassetteClient client(parsed.get("cassette"), o, make_upstream);
      response = client.complete(request);
      (void)client.finish();
    } else {
      upstream = make_upstream();
      response = upstream->complete(request);
    }
  } catch (const synthbench::cassette::CassetteMiss& miss) {
    if (format == "json") {
      nlohmann::ordered_json j;
      j["outcome"] = nullptr;
      j["error"] = miss.what();
      j["replayed"] = false;
      out << j.dump(2) << "\n";
    }
    err << "synthbench complete: " << miss.what() << "\n";
    return static_cast<int>(exit_check_failed);
  } catch (const synthbench::Error& e) {
    // A configuration failure (a rejected key, an unknown model, an unreachable URL), a
    // refused recording in CI, a bad cassette: bad input or usage.
    err << "synthbench complete: " << e.what() << "\n";
    return static_cast<int>(exit_bad_input);
  }
  if (format == "json") {
    out << to_json(response).dump(2) << "\n";
  } else if (response.outcome == synthbench::llm::Outcome::answer) {
    out << response.content << "\n";
  } else {
    out << synthbench::llm::to_string(response.outcome) << ": " << what_instead(response) << "\n";
  }
  return static_cast<int>(response.outcome == synthbench::llm::Outcome::answer ? exit_ok : exit_check_failed);
}

}  // namespace

int run_complete(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return run_guarded("complete", err, [&]() { return complete(args, out, err); });
}

}  // namespace synthbench_cli
