#ifndef SYNTHBENCH_LLM_CHAT_HPP
#define SYNTHBENCH_LLM_CHAT_HPP

/// @file
/// Chat-completion requests and responses, independent of any transport.
///
/// The fields follow the OpenAI chat-completions API (POST /chat/completions), which OpenAI,
/// vLLM, llama.cpp's server and Ollama all speak; anything else a provider accepts goes in
/// `extra`, so no field needs a new release of synthbench.

#include <chrono>    // std::chrono::microseconds
#include <cstdint>   // std::int64_t
#include <optional>  // std::optional
#include <string>    // std::string
#include <vector>    // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/error.hpp"    // synthbench::Error
#include "synthbench/version.hpp"  // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace llm {

/// Something went wrong talking to an LLM (category "llm"; ids in docs/errors.md).
class LlmError : public Error {
 public:
  /// `code` is listed under "llm" in docs/errors.md.
  LlmError(int code, const std::string& message) : Error("llm", code, message) {}
};

/// A response body that is not a chat completion: not JSON, or JSON of the wrong shape.
/// `source()` names where it came from (a URL, a cassette), `where()` the position in it
/// (line and column, or a JSON pointer).
class MalformedResponse : public LlmError {
 public:
  /// `source` names the origin of the body, `where` the position of the problem.
  MalformedResponse(int code, const std::string& source, const std::string& where, const std::string& message)
      : LlmError(code, source + (where.empty() ? "" : " at " + where) + ": " + message),
        source_(source),
        where_(where) {}

  /// The origin of the body: "http://127.0.0.1:8080/v1/chat/completions", a cassette path.
  const std::string& source() const noexcept { return source_; }
  /// The position of the problem: "line 1, column 7" or a JSON pointer like "/choices/0".
  const std::string& where() const noexcept { return where_; }

 private:
  std::string source_;
  std::string where_;
};

/// One message of a conversation.
struct ChatMessage {
  std::string role;     ///< "system", "user", "assistant", "tool"
  std::string content;  ///< the text
  /// Further members of the message object ("name", "tool_calls", "tool_call_id", or a
  /// "content" array of parts, which then replaces `content`). Must be an object.
  nlohmann::json extra = nlohmann::json::object();

  /// Equal when role, content and extra are.
  friend bool operator==(const ChatMessage& a, const ChatMessage& b) {
    return a.role == b.role && a.content == b.content && a.extra == b.extra;
  }
  /// Not equal.
  friend bool operator!=(const ChatMessage& a, const ChatMessage& b) { return !(a == b); }
};

/// A chat-completion request. Unset optional fields are not sent, so the server's defaults apply.
struct ChatRequest {
  std::string model;                        ///< the model name the server knows
  std::vector<ChatMessage> messages;        ///< the conversation, oldest first
  std::optional<double> temperature;        ///< sampling temperature
  std::optional<double> top_p;              ///< nucleus sampling mass
  std::optional<std::int64_t> max_tokens;   ///< completion length limit
  std::optional<std::int64_t> seed;         ///< the provider's best-effort determinism seed
  std::vector<std::string> stop;            ///< stop sequences (not sent when empty)
  nlohmann::json response_format;           ///< e.g. {"type": "json_object"}; null: not sent
  nlohmann::json tools;                     ///< tool definitions (an array); null: not sent
  /// Other body fields ("n", "user", "logprobs", ...), merged into the request body. Must be
  /// an object; a key that a named field above already sends is an error when serializing.
  nlohmann::json extra = nlohmann::json::object();

  /// Equal when every field is.
  friend bool operator==(const ChatRequest& a, const ChatRequest& b) {
    return a.model == b.model && a.messages == b.messages && a.temperature == b.temperature &&
           a.top_p == b.top_p && a.max_tokens == b.max_tokens && a.seed == b.seed && a.stop == b.stop &&
           a.response_format == b.response_format && a.tools == b.tools && a.extra == b.extra;
  }
  /// Not equal.
  friend bool operator!=(const ChatRequest& a, const ChatRequest& b) { return !(a == b); }
};

/// Token counts as the server reports them.
struct TokenUsage {
  std::int64_t prompt_tokens = 0;      ///< tokens of the input
  std::int64_t completion_tokens = 0;  ///< tokens generated
  std::int64_t total_tokens = 0;       ///< as reported (usually the sum)

  /// Field by field.
  friend bool operator==(const TokenUsage& a, const TokenUsage& b) {
    return a.prompt_tokens == b.prompt_tokens && a.completion_tokens == b.completion_tokens &&
           a.total_tokens == b.total_tokens;
  }
  /// Not ==.
  friend bool operator!=(const TokenUsage& a, const TokenUsage& b) { return !(a == b); }
};

/// A chat-completion response: the first choice's text plus what the server said about it.
struct ChatResponse {
  std::string content;                ///< the first choice's message content ("" when null)
  std::string finish_reason;          ///< "stop", "length", "tool_calls", ...; "" when absent
  std::optional<TokenUsage> usage;    ///< absent when the server did not report usage
  std::string model;                  ///< the model snapshot the server reports ("" when absent)
  std::string raw_body;               ///< the body as received (from a cassette: compact JSON)
  std::chrono::microseconds latency{0};  ///< time from sending to the full body (as recorded)
  bool replayed = false;              ///< true when it came from a cassette, not the network

  /// Field by field.
  friend bool operator==(const ChatResponse& a, const ChatResponse& b) {
    return a.content == b.content && a.finish_reason == b.finish_reason && a.usage == b.usage && a.model == b.model &&
           a.raw_body == b.raw_body && a.latency == b.latency && a.replayed == b.replayed;
  }
  /// Not ==.
  friend bool operator!=(const ChatResponse& a, const ChatResponse& b) { return !(a == b); }
};

}  // namespace llm
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_LLM_CHAT_HPP
