// Response shapes real providers send, each read into its typed outcome: OpenAI-compatible
// bodies (content null, a string or an array of parts; refusals; reasoning; n > 1 choices;
// tool calls; a choice without message; usage details) and the Anthropic Messages API
// (content blocks, every stop_reason, usage with cache counts, error bodies). The bodies are
// the documented shapes (OpenAI and Anthropic API references, Mistral's and Azure's docs),
// written here, not captured.

#include <synthbench/llm.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using synthbench::llm::ChatRequest;
using synthbench::llm::ChatResponse;
using synthbench::llm::MalformedResponse;
using synthbench::llm::Outcome;

ChatResponse openai(const std::string& body) { return synthbench::llm::parse_openai_response(body, "test"); }
ChatResponse anthropic(const std::string& body) { return synthbench::llm::parse_anthropic_response(body, "test"); }

std::string error_of(ChatResponse (*read)(const std::string&), const std::string& body) {
  try {
    (void)read(body);
  } catch (const MalformedResponse& e) {
    return e.id() + " " + e.where();
  }
  return "no error";
}

TEST(OutcomeNames, RoundTripAndAreStable) {
  std::vector<std::string> names;
  for (const auto o : synthbench::llm::all_outcomes) {
    names.push_back(synthbench::llm::to_string(o));
    EXPECT_EQ(synthbench::llm::outcome_from_string(names.back()), o);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"answer", "refusal", "content_filter", "length", "tool_calls",
                                             "provider_error", "transient_failure"}));
  EXPECT_FALSE(synthbench::llm::outcome_from_string("Answer").has_value());
  EXPECT_TRUE(synthbench::llm::is_failure(Outcome::provider_error));
  EXPECT_FALSE(synthbench::llm::is_failure(Outcome::length));
  synthbench::llm::OutcomeCounts counts;
  EXPECT_TRUE(counts.empty());
  counts.add(Outcome::refusal);
  counts.add(Outcome::answer, 3);
  synthbench::llm::OutcomeCounts more;
  more.add(Outcome::refusal, 2);
  counts.add(more);
  EXPECT_EQ(counts.count(Outcome::refusal), 3u);
  EXPECT_EQ(counts.total(), 6u);
}

TEST(OpenAiShapes, ARefusalIsARefusalNotAnEmptyAnswer) {
  const auto r = openai(R"j({"choices":[{"index":0,"message":{"role":"assistant","content":null,
    "refusal":"I'm very sorry, but I can't assist with that request.","annotations":[]},"finish_reason":"stop"}],
    "model":"gpt-4o-2024-08-06"})j");
  EXPECT_EQ(r.outcome, Outcome::refusal);
  EXPECT_EQ(r.refusal, "I'm very sorry, but I can't assist with that request.");
  EXPECT_EQ(r.content, "");
  EXPECT_EQ(r.finish_reason, "stop");
  EXPECT_FALSE(r.answered());
  // "refusal": null (every ordinary answer of gpt-4o) is no refusal.
  EXPECT_EQ(openai(R"j({"choices":[{"message":{"content":"4","refusal":null},"finish_reason":"stop"}]})j").outcome,
            Outcome::answer);
}

TEST(OpenAiShapes, AContentFilteredChoiceWithoutMessage) {
  // Azure OpenAI: the filter removed the message; the choice keeps its filter results.
  const auto r = openai(R"j({"choices":[{"finish_reason":"content_filter","index":0,"content_filter_results":
    {"hate":{"filtered":true,"severity":"high"}}}],"model":"gpt-4o","usage":{"prompt_tokens":20,"completion_tokens":0,
    "total_tokens":20}})j");
  EXPECT_EQ(r.outcome, Outcome::content_filter);
  EXPECT_EQ(r.content, "");
  EXPECT_EQ(r.usage->prompt_tokens, 20);
  // A filter that cut an answer short keeps the text that came before.
  const auto cut = openai(R"j({"choices":[{"finish_reason":"content_filter","message":{"content":"Once upon"}}]})j");
  EXPECT_EQ(cut.outcome, Outcome::content_filter);
  EXPECT_EQ(cut.content, "Once upon");
  EXPECT_EQ(openai(R"j({"choices":[{"finish_reason":"stop","message":null}]})j").content, "");
}

TEST(OpenAiShapes, ContentAsAnArrayOfPartsKeepsThinkingApart) {
  // Mistral's reasoning models (magistral): thinking parts, then text parts.
  const auto r = openai(R"j({"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":[
    {"type":"thinking","thinking":[{"type":"text","text":"The user wants "},{"type":"text","text":"an intent."}]},
    {"type":"text","text":"{\"intent\": "},{"type":"text","text":"\"PlayMusic\"}"}]}}]})j");
  EXPECT_EQ(r.outcome, Outcome::answer);
  EXPECT_EQ(r.content, "{\"intent\": \"PlayMusic\"}");  // text parts joined, nothing between them
  EXPECT_EQ(r.reasoning, "The user wants an intent.");
  // Strings in the array, output_text parts, a refusal part, unknown parts (kept in the raw body only).
  const auto mixed = openai(R"j({"choices":[{"message":{"content":["a",{"type":"output_text","text":"b"},
    {"type":"image_url","image_url":{"url":"x"}},{"type":"reasoning","reasoning":"r"}]}}]})j");
  EXPECT_EQ(mixed.content, "ab");
  EXPECT_EQ(mixed.reasoning, "r");
  const auto refused = openai(R"j({"choices":[{"message":{"content":[{"type":"refusal","refusal":"No."}]}}]})j");
  EXPECT_EQ(refused.outcome, Outcome::refusal);
  EXPECT_EQ(refused.refusal, "No.");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"content":[5]}}]})j"),
            "synthbench.llm.102 /choices/0/message/content/0");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"content":[{"text":"x"}]}}]})j"),
            "synthbench.llm.102 /choices/0/message/content/0");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"content":[{"type":"text","text":1}]}}]})j"),
            "synthbench.llm.102 /choices/0/message/content/0/text");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"content":{"type":"text"}}}]})j"),
            "synthbench.llm.102 /choices/0/message/content");
}

TEST(OpenAiShapes, ReasoningTextIsKeptOutOfTheAnswer) {
  const auto deepseek = openai(R"j({"choices":[{"message":{"content":"three","reasoning_content":"s-t-r..."},
    "finish_reason":"stop"}],"usage":{"prompt_tokens":18,"completion_tokens":345,"total_tokens":363,
    "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":315}}})j");
  EXPECT_EQ(deepseek.content, "three");
  EXPECT_EQ(deepseek.reasoning, "s-t-r...");
  // The usage as reported: completion_tokens includes the 315 reasoning tokens, and the total
  // is prompt + completion (18 + 345 = 363), not a sum that counts reasoning twice.
  EXPECT_EQ(deepseek.usage->completion_tokens, 345);
  EXPECT_EQ(deepseek.usage->reasoning_tokens, 315);
  EXPECT_EQ(deepseek.usage->total_tokens, 363);
  const auto groq = openai(R"j({"choices":[{"message":{"content":"4","reasoning":"2+2"}}],
    "usage":{"prompt_tokens":60,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":48}}})j");
  EXPECT_EQ(groq.reasoning, "2+2");
  EXPECT_EQ(groq.usage->cached_tokens, 48);
  EXPECT_EQ(groq.usage->total_tokens, 65);  // absent: prompt + completion
  // Both names: the first that is not empty (servers that send both send the same text).
  EXPECT_EQ(openai(R"j({"choices":[{"message":{"content":"x","reasoning_content":"","reasoning":"b"}}]})j").reasoning,
            "b");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"reasoning_content":1}}]})j"),
            "synthbench.llm.102 /choices/0/message/reasoning_content");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{}}],"usage":{"completion_tokens_details":{"reasoning_tokens":-1}}})j"),
            "synthbench.llm.102 /usage/completion_tokens_details/reasoning_tokens");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{}}],"usage":{"prompt_tokens_details":[]}})j"),
            "synthbench.llm.102 /usage/prompt_tokens_details");
}

TEST(OpenAiShapes, EveryChoiceIsKeptAndUsableAsReplicates) {
  const auto r = openai(R"j({"choices":[
    {"index":0,"message":{"content":"64"},"finish_reason":"stop"},
    {"index":1,"message":{"content":"65"},"finish_reason":"length"},
    {"index":2,"message":{"content":null,"refusal":"no"},"finish_reason":"stop"}],"model":"m",
    "usage":{"prompt_tokens":79,"completion_tokens":44,"total_tokens":123}})j");
  ASSERT_EQ(r.choices.size(), 3u);
  EXPECT_EQ(r.content, "64");
  EXPECT_EQ(r.outcome, Outcome::answer);
  EXPECT_EQ(r.choices[1].outcome, Outcome::length);
  EXPECT_EQ(r.choices[2].outcome, Outcome::refusal);
  const auto replicates = synthbench::llm::split_choices(r);
  ASSERT_EQ(replicates.size(), 3u);
  EXPECT_EQ(replicates[1].content, "65");
  EXPECT_EQ(replicates[1].outcome, Outcome::length);
  EXPECT_EQ(replicates[1].finish_reason, "length");
  EXPECT_EQ(replicates[2].refusal, "no");
  EXPECT_EQ(replicates[2].choices.size(), 1u);
  EXPECT_EQ(replicates[2].model, "m");  // what the response shares
  EXPECT_EQ(replicates[0].usage, r.usage);
  EXPECT_EQ(synthbench::llm::split_choices(openai(R"j({"choices":[{"message":{"content":"a"}}]})j")).size(), 1u);
}

TEST(OpenAiShapes, ToolCallsAreKept) {
  const auto parallel = openai(R"j({"choices":[{"message":{"content":null,"tool_calls":[
    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\": \"SF\"}"}},
    {"id":"call_2","type":"function","function":{"name":"get_news","arguments":"{}"}}]},"finish_reason":"tool_calls"}]})j");
  EXPECT_EQ(parallel.outcome, Outcome::tool_calls);
  ASSERT_EQ(parallel.tool_calls.size(), 2u);
  EXPECT_EQ(parallel.tool_calls[0].id, "call_1");
  EXPECT_EQ(parallel.tool_calls[0].name, "get_weather");
  EXPECT_EQ(parallel.tool_calls[0].arguments, "{\"location\": \"SF\"}");  // as the model wrote it
  // TGI: finish_reason "stop" with a tool call; arguments as an object (some servers).
  const auto tgi = openai(R"j({"choices":[{"finish_reason":"stop","message":{"content":null,"tool_calls":[
    {"function":{"arguments":{"format":"fahrenheit","location":"Brooklyn"},"description":null,"name":"w"},"id":"0","type":"function"}]}}]})j");
  EXPECT_EQ(tgi.outcome, Outcome::tool_calls);
  EXPECT_EQ(tgi.tool_calls[0].arguments, "{\"format\":\"fahrenheit\",\"location\":\"Brooklyn\"}");
  // The legacy function_call, and an empty tool_calls array (vLLM) that is no call.
  const auto legacy = openai(R"j({"choices":[{"message":{"function_call":{"name":"f","arguments":"{}"}},"finish_reason":"function_call"}]})j");
  EXPECT_EQ(legacy.outcome, Outcome::tool_calls);
  EXPECT_EQ(legacy.tool_calls.at(0).name, "f");
  EXPECT_EQ(openai(R"j({"choices":[{"message":{"content":"joke","tool_calls":[]},"finish_reason":"stop"}]})j").outcome,
            Outcome::answer);
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"tool_calls":{}}}]})j"),
            "synthbench.llm.102 /choices/0/message/tool_calls");
  EXPECT_EQ(error_of(openai, R"j({"choices":[{"message":{"tool_calls":[{"function":{"name":3}}]}}]})j"),
            "synthbench.llm.102 /choices/0/message/tool_calls/0/function/name");
}

TEST(OpenAiShapes, TheOutcomeTableInOrder) {
  const auto outcome = [](const std::string& finish, const std::string& extra) {
    return openai(R"j({"choices":[{"finish_reason":)j" + finish + R"j(,"message":{"content":"x")j" + extra + "}}]}")
        .outcome;
  };
  EXPECT_EQ(outcome("\"stop\"", ""), Outcome::answer);
  EXPECT_EQ(outcome("null", ""), Outcome::answer);
  EXPECT_EQ(outcome("\"eos\"", ""), Outcome::answer);  // other servers' names for a normal end
  EXPECT_EQ(outcome("\"length\"", ""), Outcome::length);
  EXPECT_EQ(outcome("\"tool_calls\"", ""), Outcome::tool_calls);
  EXPECT_EQ(outcome("\"content_filter\"", R"j(,"refusal":"no")j"), Outcome::content_filter);  // the filter first
  EXPECT_EQ(outcome("\"length\"", R"j(,"refusal":"no")j"), Outcome::refusal);                // then a refusal
  EXPECT_EQ(outcome("\"length\"", R"j(,"tool_calls":[{"id":"1"}])j"), Outcome::length);      // then length
}

TEST(OpenAiShapes, WrittenBodiesReadBackToTheSameFields) {
  ChatResponse r;
  r.model = "m";
  r.usage = synthbench::llm::TokenUsage{10, 5, 15, 4, 2};
  for (const auto o : {Outcome::answer, Outcome::refusal, Outcome::content_filter, Outcome::length, Outcome::tool_calls}) {
    ChatResponse x = r;
    x.outcome = o;
    x.content = o == Outcome::refusal || o == Outcome::tool_calls ? "" : "text";
    if (o == Outcome::refusal) x.refusal = "no";
    if (o == Outcome::tool_calls) x.tool_calls = {{"c1", "function", "f", "{}"}};
    x.reasoning = "why";
    const json body = synthbench::llm::to_openai_json(x);
    const auto back = synthbench::llm::chat_response_from_json(body, body.dump(), "t");
    EXPECT_EQ(back.outcome, o) << synthbench::llm::to_string(o);
    EXPECT_EQ(back.content, x.content);
    EXPECT_EQ(back.refusal, x.refusal);
    EXPECT_EQ(back.reasoning, "why");
    EXPECT_EQ(back.tool_calls, x.tool_calls);
    EXPECT_EQ(back.usage, r.usage);
  }
}

TEST(AnthropicShapes, ContentBlocksStopReasonsAndUsage) {
  const auto r = anthropic(R"j({"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
    "content":[{"type":"thinking","thinking":"Let me think.","signature":"sig"},{"type":"redacted_thinking","data":"x"},
    {"type":"text","text":"Hello"},{"type":"text","text":", world"}],"stop_reason":"end_turn","stop_sequence":null,
    "usage":{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":300,"output_tokens":50}})j");
  EXPECT_EQ(r.outcome, Outcome::answer);
  EXPECT_EQ(r.content, "Hello, world");
  EXPECT_EQ(r.reasoning, "Let me think.");
  EXPECT_EQ(r.finish_reason, "end_turn");
  EXPECT_EQ(r.model, "claude-sonnet-4-5");
  // 100 + 20 + 300 = 420 input tokens in all, 300 of them read from the cache.
  EXPECT_EQ(r.usage->prompt_tokens, 420);
  EXPECT_EQ(r.usage->cached_tokens, 300);
  EXPECT_EQ(r.usage->completion_tokens, 50);
  EXPECT_EQ(r.usage->total_tokens, 470);
  const auto stop = [](const std::string& reason) {
    return anthropic(R"j({"type":"message","content":[{"type":"text","text":"t"}],"stop_reason":")j" + reason + "\"}");
  };
  EXPECT_EQ(stop("stop_sequence").outcome, Outcome::answer);
  EXPECT_EQ(stop("pause_turn").outcome, Outcome::answer);
  EXPECT_EQ(stop("max_tokens").outcome, Outcome::length);
  EXPECT_EQ(stop("model_context_window_exceeded").outcome, Outcome::length);
  const auto refused = stop("refusal");
  EXPECT_EQ(refused.outcome, Outcome::refusal);
  EXPECT_EQ(refused.refusal, "t");  // what was written before the refusal
  EXPECT_EQ(refused.content, "");
  const auto tool = anthropic(R"j({"type":"message","content":[{"type":"text","text":"Let me check."},
    {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"location":"Paris"}}],"stop_reason":"tool_use"})j");
  EXPECT_EQ(tool.outcome, Outcome::tool_calls);
  EXPECT_EQ(tool.tool_calls.at(0).id, "toolu_01");
  EXPECT_EQ(tool.tool_calls.at(0).arguments, "{\"location\":\"Paris\"}");
  EXPECT_EQ(tool.content, "Let me check.");
}

TEST(AnthropicShapes, ErrorsNameThePosition) {
  EXPECT_EQ(error_of(anthropic, R"j({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})j"),
            "synthbench.llm.103 /error");
  EXPECT_EQ(error_of(anthropic, R"j({"type":"message"})j"), "synthbench.llm.102 /");
  EXPECT_EQ(error_of(anthropic, R"j({"content":"text"})j"), "synthbench.llm.102 /content");
  EXPECT_EQ(error_of(anthropic, R"j({"content":[],"stop_reason":3})j"), "synthbench.llm.102 /stop_reason");
  EXPECT_EQ(error_of(anthropic, R"j({"content":[],"usage":{"output_tokens":-1}})j"),
            "synthbench.llm.102 /usage/output_tokens");
  EXPECT_EQ(error_of(anthropic, R"j({"content":[{"type":"thinking","thinking":7}]})j"),
            "synthbench.llm.102 /content/0/thinking");
  EXPECT_EQ(error_of(anthropic, "not json"), "synthbench.llm.101 line 1, column 2");
}

TEST(AnthropicShapes, RequestBody) {
  ChatRequest r;
  r.model = "claude-sonnet-4-5";
  r.messages = {{"system", "Be brief.", json::object()},
                {"user", "Hi", json::object()},
                {"assistant", "Hello", json::object()},
                {"system", "Answer in French.", json::object()},
                {"user", "", json({{"content", json::array({{{"type", "text"}, {"text", "Bye"}}})}})}};
  r.temperature = 0.2;
  r.stop = {"END"};
  r.seed = 3;
  r.response_format = {{"type", "json_object"}};
  r.extra = {{"top_k", 5}};
  const json body = synthbench::llm::to_anthropic_json(r);
  EXPECT_EQ(body["system"], "Be brief.\n\nAnswer in French.");
  EXPECT_EQ(body["messages"].size(), 3u);
  EXPECT_EQ(body["messages"][0], json({{"role", "user"}, {"content", "Hi"}}));
  EXPECT_EQ(body["messages"][2]["content"][0]["text"], "Bye");  // the content array goes through
  EXPECT_EQ(body["max_tokens"], synthbench::llm::anthropic_default_max_tokens);
  EXPECT_EQ(body["stop_sequences"], json::array({"END"}));
  EXPECT_EQ(body["top_k"], 5);
  EXPECT_FALSE(body.contains("seed"));             // the API has none
  EXPECT_FALSE(body.contains("response_format"));  // nor this
  r.max_tokens = 64;
  EXPECT_EQ(synthbench::llm::to_anthropic_json(r)["max_tokens"], 64);
  r.extra = {{"system", "x"}};
  EXPECT_THROW((void)synthbench::llm::to_anthropic_json(r), synthbench::llm::LlmError);
}

TEST(AnthropicShapes, WrittenBodiesReadBackToTheSameFields) {
  for (const auto o : {Outcome::answer, Outcome::refusal, Outcome::length, Outcome::tool_calls}) {
    ChatResponse x;
    x.outcome = o;
    x.model = "claude";
    x.usage = synthbench::llm::TokenUsage{30, 5, 35, 10, 0};
    x.reasoning = "hm";
    if (o == Outcome::refusal) {
      x.refusal = "I won't.";
    } else {
      x.content = "text";
    }
    if (o == Outcome::tool_calls) x.tool_calls = {{"toolu_1", "tool_use", "f", "{\"a\":1}"}};
    const json body = synthbench::llm::to_anthropic_json(x);
    const auto back = synthbench::llm::anthropic_response_from_json(body, body.dump(), "t");
    EXPECT_EQ(back.outcome, o) << synthbench::llm::to_string(o);
    EXPECT_EQ(back.content, x.content);
    EXPECT_EQ(back.refusal, x.refusal);
    EXPECT_EQ(back.reasoning, "hm");
    EXPECT_EQ(back.tool_calls, x.tool_calls);
    EXPECT_EQ(back.usage, x.usage);
  }
}

TEST(ErrorBodies, TheMessageOfEveryProvidersShape) {
  using synthbench::llm::error_body_message;
  EXPECT_EQ(error_body_message(R"j({"error":{"message":"Unsupported parameter: 'stop'.","type":"invalid_request_error",
    "param":"stop","code":"unsupported_parameter"}})j"),
            "Unsupported parameter: 'stop'. (invalid_request_error, unsupported_parameter)");
  EXPECT_EQ(error_body_message(R"j({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},
    "request_id":"req_1"})j"),
            "Overloaded (overloaded_error)");
  EXPECT_EQ(error_body_message(R"j({"error":{"code":429,"message":"Provider returned error","metadata":{"raw":"rate-limited upstream"}}})j"),
            "Provider returned error: rate-limited upstream (429)");
  EXPECT_EQ(error_body_message(R"j({"error":"model not loaded"})j"), "model not loaded");
  EXPECT_EQ(error_body_message(R"j({"detail":"Not Found"})j"), "Not Found");
  EXPECT_EQ(error_body_message("<html>\n  <body>502 Bad Gateway</body>\n</html>"),
            "<html> <body>502 Bad Gateway</body> </html>");
  EXPECT_EQ(error_body_message(""), "");
  EXPECT_EQ(error_body_message(std::string(400, 'x')).size(), 303u);  // 300 bytes and "..."
  EXPECT_EQ(synthbench::llm::valid_utf8("ok \xff\xfe"), "ok \xef\xbf\xbd\xef\xbf\xbd");
}

TEST(Providers, ChosenInCodeOrByTheEnvironment) {
  using synthbench::llm::Provider;
  ::unsetenv("SYNTHBENCH_PROVIDER");
  EXPECT_EQ(synthbench::llm::resolve_provider(), Provider::openai);
  ::setenv("SYNTHBENCH_PROVIDER", "anthropic", 1);
  EXPECT_EQ(synthbench::llm::resolve_provider(), Provider::anthropic);
  EXPECT_EQ(synthbench::llm::resolve_provider(Provider::openai), Provider::openai);  // code wins
  ::setenv("SYNTHBENCH_PROVIDER", "gemini", 1);
  try {
    (void)synthbench::llm::resolve_provider();
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.96");
  }
  ::unsetenv("SYNTHBENCH_PROVIDER");
  ::unsetenv("SYNTHBENCH_API_KEY_ENV");
  ::unsetenv("SYNTHBENCH_BASE_URL");
  EXPECT_EQ(synthbench::llm::api_key_variable(Provider::anthropic), "ANTHROPIC_API_KEY");
  EXPECT_EQ(synthbench::llm::api_key_variable(Provider::openai), "OPENAI_API_KEY");
  EXPECT_EQ(synthbench::llm::resolve_base_url(Provider::anthropic), "https://api.anthropic.com/v1");
  ::setenv("SYNTHBENCH_API_KEY_ENV", "MY_KEY", 1);
  EXPECT_EQ(synthbench::llm::api_key_variable(Provider::anthropic), "MY_KEY");
  ::unsetenv("SYNTHBENCH_API_KEY_ENV");
}

TEST(Providers, AStreamingRequestIsRefused) {
  ChatRequest r;
  r.model = "m";
  r.messages = {{"user", "x", json::object()}};
  synthbench::llm::check_request_supported(r);
  r.extra = {{"stream", false}};
  synthbench::llm::check_request_supported(r);
  r.extra = {{"stream", true}, {"stream_options", {{"include_usage", true}}}};
  try {
    synthbench::llm::check_request_supported(r);
    FAIL();
  } catch (const synthbench::UsageError& e) {
    EXPECT_EQ(e.id(), "synthbench.usage.95");
    EXPECT_NE(std::string(e.what()).find("streamed answer"), std::string::npos);
  }
}

}  // namespace
