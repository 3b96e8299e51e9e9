// A recorded run that met a refusal, a content-filtered choice, an array content and an
// exhausted 503, replayed: the program the outage-replay test runs twice as a child process
// (issue 11, "done when").
//
//   synthbench_outage_replay_program CASSETTE_DIR REPORT_DIR
//
// It runs a small intent experiment (one LLM generator, one LLM solver) through a
// CassetteClient whose mode comes from $SYNTHBENCH_RECORD, and writes report.md,
// report.html and results.json of the experiment to REPORT_DIR. When recording, the upstream
// is synthbench's local test server, scripted per request: the generator's second request is
// refused; solver inputs marked [refuse], [filter], [think] and [outage] get a refusal, an
// Azure-style content-filtered choice without message, a content array with a thinking part,
// and a 503 on every attempt; an input matching no intent gets an answer that does not parse.
// What answered is named "synthbench-local-test-server/scripted" (DESIGN.md, Honesty).
//
// It prints the outcome counts and, last, whether 127.0.0.1 can be reached ("loopback:
// ENETUNREACH" in a fresh network namespace, where even the loopback interface is down).
// Exit 0 when the experiment ran, 1 on any error (printed).

#include <synthbench/cassette.hpp>
#include <synthbench/experiment.hpp>
#include <synthbench/http.hpp>
#include <synthbench/report.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/local_chat_server.hpp"

namespace {

using synthbench_test_support::LocalChatServer;

const std::vector<std::string> intents = {"PlayMusic", "GetWeather", "BookRestaurant"};

std::string utterance_of(const std::string& prompt) {
  const auto at = prompt.find("## Utterance\n");
  return at == std::string::npos ? prompt : prompt.substr(at + 13);
}

std::string intent_of(const std::string& text) {
  const auto has = [&text](const char* word) { return text.find(word) != std::string::npos; };
  if (has("play") || has("song")) return "PlayMusic";
  if (has("rain") || has("sunny") || has("weather")) return "GetWeather";
  if (has("book") || has("table")) return "BookRestaurant";
  return "";
}

LocalChatServer::Canned json_answer(const nlohmann::json& body) {
  LocalChatServer::Canned c;
  c.headers = {{"Content-Type", "application/json"}};
  c.body = body.dump();
  return c;
}

nlohmann::json completion(const nlohmann::json& message, const std::string& finish) {
  return {{"id", "chatcmpl-scripted"},
          {"object", "chat.completion"},
          {"model", "synthbench-local-test-server/scripted"},
          {"choices", {{{"index", 0}, {"message", message}, {"finish_reason", finish}}}},
          {"usage", {{"prompt_tokens", 50}, {"completion_tokens", 8}, {"total_tokens", 58}}}};
}

// The scripted upstream (see the file comment).
std::optional<LocalChatServer::Canned> respond(const LocalChatServer::Request& raw) {
  const auto body = nlohmann::json::parse(raw.body);
  const std::string prompt = body["messages"].back()["content"].get<std::string>();
  if (body["model"] == "scripted-generator") {
    if (body.value("seed", 0) == 11) {
      return json_answer(completion({{"role", "assistant"}, {"content", nullptr}, {"refusal", "I can't write that."}}, "stop"));
    }
    const std::string tag = std::to_string(body.value("seed", 0));
    const std::string lines = "{\"text\": \"play the song number " + tag + "\", \"label\": \"PlayMusic\"}\n" +
                              "{\"text\": \"will it rain in town " + tag + "\", \"label\": \"GetWeather\"}\n" +
                              "{\"text\": \"book a table for " + tag + "\", \"label\": \"BookRestaurant\"}";
    return json_answer(completion({{"role", "assistant"}, {"content", lines}}, "stop"));
  }
  const std::string text = utterance_of(prompt);
  const auto has = [&text](const char* mark) { return text.find(mark) != std::string::npos; };
  if (has("[refuse]")) {
    return json_answer(
        completion({{"role", "assistant"}, {"content", nullptr}, {"refusal", "I'm sorry, I can't help with that."}}, "stop"));
  }
  if (has("[filter]")) {
    nlohmann::json b = completion(nullptr, "content_filter");
    b["choices"][0].erase("message");
    b["choices"][0]["content_filter_results"] = {{"violence", {{"filtered", true}, {"severity", "medium"}}}};
    return json_answer(b);
  }
  if (has("[outage]")) {
    LocalChatServer::Canned c;
    c.status = 503;
    c.headers = {{"Content-Type", "application/json"}};
    c.body = R"j({"error":{"message":"That model is currently overloaded with other requests.","type":"server_error"}})j";
    return c;
  }
  const std::string intent = intent_of(text);
  const std::string answer = intent.empty() ? "I am not sure what you mean." : "{\"intent\": \"" + intent + "\"}";
  if (has("[think]")) {
    const nlohmann::json parts = nlohmann::json::array(
        {{{"type", "thinking"}, {"thinking", {{{"type", "text"}, {"text", "The user wants a table."}}}}},
         {{"type", "text"}, {"text", answer}}});
    return json_answer(completion({{"role", "assistant"}, {"content", parts}}, "stop"));
  }
  return json_answer(completion({{"role", "assistant"}, {"content", answer}}, "stop"));
}

// The local server and an HTTP client talking to it, alive as long as the recording.
class ScriptedServerClient : public synthbench::llm::ChatClient {
 public:
  ScriptedServerClient() : server_(options()), http_(http_options(server_)) {}
  synthbench::llm::ChatResponse complete(const synthbench::llm::ChatRequest& request) override { return http_.complete(request); }
  std::string base_url() const override { return http_.base_url(); }
  std::string provider() const override { return http_.provider(); }

 private:
  static LocalChatServer::Options options() {
    LocalChatServer::Options o;
    o.responder = respond;
    return o;
  }
  static synthbench::http::HttpOptions http_options(const LocalChatServer& server) {
    synthbench::http::HttpOptions o;
    o.base_url = server.base_url();
    o.max_retries = 2;
    o.backoff_base = std::chrono::milliseconds(1);
    o.backoff_cap = std::chrono::milliseconds(4);
    o.jitter_seed = 5;
    return o;
  }
  LocalChatServer server_;
  synthbench::http::OpenAiClient http_;
};

synthbench::Dataset<synthbench::IntentItem> items(const std::vector<std::pair<std::string, std::string>>& rows) {
  synthbench::Dataset<synthbench::IntentItem> d;
  for (const auto& [text, label] : rows) d.items.push_back({text, label});
  return d;
}

// "ECONNREFUSED" (loopback up, nothing listening), "ENETUNREACH" (no network at all), ...
std::string loopback_state() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::string("socket: ") + std::strerror(errno);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(9);  // discard: nothing listens there
  const int rc = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  const int error = errno;
  ::close(fd);
  if (rc == 0) return "connected";
  if (error == ENETUNREACH) return "ENETUNREACH";
  if (error == ECONNREFUSED) return "ECONNREFUSED";
  return std::strerror(error);
}

int run(const std::filesystem::path& cassette_dir, const std::filesystem::path& report_dir) {
  synthbench::cassette::CassetteOptions o;
  o.base_url = "http://127.0.0.1/v1";  // the host the local server answers on, in both modes
  o.description = "Recorded from synthbench's local test server, scripted to refuse, filter, think and fail "
                  "(tests/unit/http/outage_replay_program.cpp); no language model answered.";
  synthbench::cassette::CassetteClient llm(cassette_dir / "outage_replay.json", o,
                                           [] { return std::make_shared<ScriptedServerClient>(); });
  synthbench::ExperimentSpec<synthbench::IntentItem> spec;
  spec.name = "outage_replay";
  spec.real = items({{"play some jazz", "PlayMusic"},
                     {"will it rain tomorrow", "GetWeather"},
                     {"book a table for two", "BookRestaurant"},
                     {"play the song about weapons [refuse]", "PlayMusic"},
                     {"what is the weather in the war zone [filter]", "GetWeather"},
                     {"book a table at noon [think]", "BookRestaurant"},
                     {"play something loud [outage]", "PlayMusic"},
                     {"hmm whatever", "BookRestaurant"},
                     {"is it sunny", "GetWeather"}});
  spec.examples = items({{"play my workout mix", "PlayMusic"},
                         {"how cold is it outside", "GetWeather"},
                         {"reserve dinner for four", "BookRestaurant"}});
  spec.generation.labels = intents;
  spec.generation.count = 6;
  spec.generation.k = 1;
  spec.generation.seed = 3;
  synthbench::LlmGeneratorOptions g;
  g.settings.model = "scripted-generator";
  g.settings.temperature = 1.0;
  g.settings.seed = 10;
  g.items_per_request = 3;
  g.max_requests_per_round = 2;
  g.max_rounds = 2;
  g.max_in_flight = 2;
  g.description.domain = "requests to a voice assistant";
  spec.generators = {std::make_shared<synthbench::LlmIntentGenerator>(llm, synthbench::study_example_sampler<synthbench::IntentItem>(), g)};
  synthbench::LlmSolverOptions s;
  s.settings.model = "scripted-solver";
  s.settings.temperature = 0.0;
  s.description.labels = intents;
  s.max_in_flight = 3;
  spec.solvers = {std::make_shared<synthbench::LlmIntentSolver>(llm, s)};
  const synthbench::Experiment e = synthbench::run_experiment(spec);
  const auto report = llm.finish();
  // The report of the experiment (not of the cassette's use, which differs between recording
  // and replaying by design).
  synthbench::report::ReportData data;
  data.add(synthbench::report::describe(e));
  (void)synthbench::report::write_report(report_dir, data);
  for (const auto& d : e.dataset_names()) {
    const auto& c = e.predictions("scripted-solver", d);
    std::cout << d << ":";
    for (const auto outcome : synthbench::llm::all_outcomes) {
      std::cout << " " << synthbench::llm::to_string(outcome) << "=" << c.outcomes.count(outcome);
    }
    std::cout << " unparsable=" << c.parse_failures << "\n";
  }
  std::cout << "generator issues:";
  for (const auto& i : e.data_report(e.generator_names().at(0)).issues) std::cout << " " << i.kind;
  std::cout << "\nreplayed " << report.replayed << " recorded " << report.recorded << "\n";
  std::cout << "loopback: " << loopback_state() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: synthbench_outage_replay_program CASSETTE_DIR REPORT_DIR\n";
    return 2;
  }
  try {
    return run(argv[1], argv[2]);
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
    return 1;
  }
}
