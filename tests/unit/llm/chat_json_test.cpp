#include <synthbench/llm.hpp>

#include <gtest/gtest.h>

#include <string>

namespace {

using synthbench::InputError;
using synthbench::llm::ChatMessage;
using synthbench::llm::ChatRequest;
using synthbench::llm::ChatResponse;
using synthbench::llm::LlmError;
using synthbench::llm::MalformedResponse;
using nlohmann::json;

ChatRequest full_request() {
  ChatRequest r;
  r.model = "gpt-4o-mini";
  r.messages = {{"system", "You label intents.", json::object()}, {"user", "play jazz", json::object()}};
  r.temperature = 0.0;
  r.top_p = 0.5;
  r.max_tokens = 32;
  r.seed = 7;
  r.stop = {"\n"};
  r.response_format = {{"type", "json_object"}};
  r.tools = json::array({{{"type", "function"}, {"function", {{"name", "f"}}}}});
  r.extra = {{"user", "tester"}, {"n", 1}};
  return r;
}

TEST(OpenAiJson, RequestBodyHasEveryFieldAndOmitsUnset) {
  const json body = synthbench::llm::to_openai_json(full_request());
  EXPECT_EQ(body["model"], "gpt-4o-mini");
  EXPECT_EQ(body["messages"][1], json({{"role", "user"}, {"content", "play jazz"}}));
  EXPECT_EQ(body["temperature"], 0.0);
  EXPECT_EQ(body["top_p"], 0.5);
  EXPECT_EQ(body["max_tokens"], 32);
  EXPECT_EQ(body["seed"], 7);
  EXPECT_EQ(body["stop"], json::array({"\n"}));
  EXPECT_EQ(body["response_format"]["type"], "json_object");
  EXPECT_EQ(body["tools"][0]["function"]["name"], "f");
  EXPECT_EQ(body["user"], "tester");
  EXPECT_EQ(body["n"], 1);

  ChatRequest minimal;
  minimal.model = "m";
  minimal.messages = {{"user", "hi", json::object()}};
  const json small = synthbench::llm::to_openai_json(minimal);
  EXPECT_EQ(small, json({{"model", "m"}, {"messages", {{{"role", "user"}, {"content", "hi"}}}}}));
}

TEST(OpenAiJson, RequestRoundTripsThroughJson) {
  const ChatRequest r = full_request();
  const ChatRequest back = synthbench::llm::chat_request_from_openai_json(synthbench::llm::to_openai_json(r), "<test>");
  EXPECT_EQ(back, r);
}

TEST(OpenAiJson, MessageExtrasMergeAndWin) {
  ChatMessage m{"assistant", "", {{"tool_calls", json::array({{{"id", "1"}}})}, {"name", "bot"}}};
  const json j = synthbench::llm::to_openai_json(m);
  EXPECT_EQ(j["name"], "bot");
  EXPECT_EQ(j["tool_calls"][0]["id"], "1");
  const ChatMessage back = synthbench::llm::chat_message_from_json(j, "<test>", "/m");
  EXPECT_EQ(back, m);
  // A null content (assistant with tool calls) reads as "".
  const ChatMessage null_content =
      synthbench::llm::chat_message_from_json(json({{"role", "assistant"}, {"content", nullptr}}), "<t>", "/m");
  EXPECT_EQ(null_content.content, "");
  EXPECT_TRUE(null_content.extra.empty());
}

TEST(OpenAiJson, InvalidRequestsAreRejectedWithStableIds) {
  ChatRequest r = full_request();
  r.extra = {{"model", "other"}};
  try {
    (void)synthbench::llm::to_openai_json(r);
    FAIL();
  } catch (const LlmError& e) {
    EXPECT_EQ(e.id(), "synthbench.llm.201");
    EXPECT_NE(std::string(e.what()).find("\"model\""), std::string::npos);
  }
  r.extra = json::array();
  EXPECT_THROW((void)synthbench::llm::to_openai_json(r), LlmError);
  ChatRequest empty;
  empty.model = "m";
  try {
    (void)synthbench::llm::to_openai_json(empty);
    FAIL();
  } catch (const LlmError& e) {
    EXPECT_EQ(e.id(), "synthbench.llm.202");
  }
}

TEST(OpenAiJson, MalformedRequestBodiesNameThePosition) {
  const auto error_of = [](const json& body) -> std::string {
    try {
      (void)synthbench::llm::chat_request_from_openai_json(body, "req.json");
    } catch (const InputError& e) {
      return e.id() + " " + e.where();
    }
    return "no error";
  };
  EXPECT_EQ(error_of(json::array()), "synthbench.input.411 /");
  EXPECT_EQ(error_of(json({{"messages", json::array()}})), "synthbench.input.412 /");
  EXPECT_EQ(error_of(json({{"model", 3}, {"messages", json::array()}})), "synthbench.input.411 /model");
  EXPECT_EQ(error_of(json({{"model", "m"}})), "synthbench.input.412 /");
  EXPECT_EQ(error_of(json({{"model", "m"}, {"messages", {{{"content", "x"}}}}})), "synthbench.input.412 /messages/0");
  EXPECT_EQ(error_of(json({{"model", "m"}, {"messages", {{{"role", 1}}}}})), "synthbench.input.411 /messages/0/role");
  EXPECT_EQ(error_of(json({{"model", "m"}, {"messages", json::array()}, {"temperature", "hot"}})),
            "synthbench.input.411 /temperature");
  EXPECT_EQ(error_of(json({{"model", "m"}, {"messages", json::array()}, {"seed", 1.5}})), "synthbench.input.411 /seed");
  EXPECT_EQ(error_of(json({{"model", "m"}, {"messages", json::array()}, {"stop", {1}}})), "synthbench.input.411 /stop/0");
  // A single stop string is accepted, as the API allows.
  const auto r = synthbench::llm::chat_request_from_openai_json(
      json({{"model", "m"}, {"messages", json::array()}, {"stop", "END"}}), "<t>");
  EXPECT_EQ(r.stop, std::vector<std::string>{"END"});
}

TEST(OpenAiJson, ParsesAFullResponse) {
  const std::string body = R"({"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
    "choices":[{"index":0,"message":{"role":"assistant","content":"PlayMusic"},"finish_reason":"stop"}],
    "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15},"system_fingerprint":"fp"})";
  const ChatResponse r = synthbench::llm::parse_openai_response(body, "<test>", std::chrono::microseconds(1500));
  EXPECT_EQ(r.content, "PlayMusic");
  EXPECT_EQ(r.finish_reason, "stop");
  EXPECT_EQ(r.model, "gpt-4o-mini-2024-07-18");
  ASSERT_TRUE(r.usage.has_value());
  EXPECT_EQ(r.usage->prompt_tokens, 12);
  EXPECT_EQ(r.usage->completion_tokens, 3);
  EXPECT_EQ(r.usage->total_tokens, 15);
  EXPECT_EQ(r.raw_body, body);
  EXPECT_EQ(r.latency.count(), 1500);
  EXPECT_FALSE(r.replayed);
}

TEST(OpenAiJson, ToleratesMissingOptionalFields) {
  const ChatResponse r = synthbench::llm::parse_openai_response(R"({"choices":[{"message":{"content":null}}]})", "<t>");
  EXPECT_EQ(r.content, "");
  EXPECT_EQ(r.finish_reason, "");
  EXPECT_EQ(r.model, "");
  EXPECT_FALSE(r.usage.has_value());
  const ChatResponse partial = synthbench::llm::parse_openai_response(
      R"({"choices":[{"message":{"content":"x"},"finish_reason":null}],"usage":{"prompt_tokens":4,"completion_tokens":2},"model":null})",
      "<t>");
  ASSERT_TRUE(partial.usage.has_value());
  EXPECT_EQ(partial.usage->total_tokens, 6);  // derived when absent
}

TEST(OpenAiJson, MalformedResponsesNameSourceAndPosition) {
  const auto error_of = [](const std::string& body) -> std::string {
    try {
      (void)synthbench::llm::parse_openai_response(body, "http://h/v1/chat/completions");
    } catch (const MalformedResponse& e) {
      EXPECT_EQ(e.source(), "http://h/v1/chat/completions");
      return e.id() + " " + e.where();
    }
    return "no error";
  };
  EXPECT_EQ(error_of(R"({"choices":[)"), "synthbench.llm.101 line 1, column 13");
  EXPECT_EQ(error_of(""), "synthbench.llm.101 line 1, column 1");
  EXPECT_EQ(error_of("[]"), "synthbench.llm.102 /");
  EXPECT_EQ(error_of("{}"), "synthbench.llm.102 /");
  EXPECT_EQ(error_of(R"({"choices":{}})"), "synthbench.llm.102 /choices");
  EXPECT_EQ(error_of(R"({"choices":[]})"), "synthbench.llm.102 /choices");
  EXPECT_EQ(error_of(R"({"choices":[1]})"), "synthbench.llm.102 /choices/0");
  EXPECT_EQ(error_of(R"({"choices":[{"message":5}]})"), "synthbench.llm.102 /choices/0/message");
  EXPECT_EQ(error_of(R"({"choices":[{"message":{"content":5}}]})"), "synthbench.llm.102 /choices/0/message/content");
  EXPECT_EQ(error_of(R"({"choices":[{"message":{},"finish_reason":1}]})"), "synthbench.llm.102 /choices/0/finish_reason");
  EXPECT_EQ(error_of(R"({"choices":[{"message":{}}],"usage":{"prompt_tokens":-1}})"), "synthbench.llm.102 /usage/prompt_tokens");
  EXPECT_EQ(error_of(R"({"choices":[{"message":{}}],"usage":[]})"), "synthbench.llm.102 /usage");
  EXPECT_EQ(error_of(R"({"choices":[{"message":{}}],"model":7})"), "synthbench.llm.102 /model");
  EXPECT_EQ(error_of(R"({"error":{"message":"quota exceeded"}})"), "synthbench.llm.103 /error");
  EXPECT_EQ(error_of(R"({"choices":[{"message":{}}],"choices":[]})"), "synthbench.llm.101 /choices");
}

TEST(OpenAiJson, ResponseToJsonRoundTrips) {
  ChatResponse r;
  r.content = "hello";
  r.finish_reason = "length";
  r.model = "m";
  r.usage = synthbench::llm::TokenUsage{1, 2, 3};
  const json body = synthbench::llm::to_openai_json(r);
  const ChatResponse back = synthbench::llm::chat_response_from_json(body, body.dump(), "<t>");
  EXPECT_EQ(back.content, "hello");
  EXPECT_EQ(back.finish_reason, "length");
  EXPECT_EQ(back.model, "m");
  EXPECT_EQ(back.usage->total_tokens, 3);
}

}  // namespace
