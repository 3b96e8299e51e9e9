#ifndef SYNTHBENCH_LLM_HPP
#define SYNTHBENCH_LLM_HPP

/// @file
/// The llm layer: chat request/response types, the OpenAI chat-completions JSON, and the
/// ChatClient interface. Depends only on nlohmann_json; no network code.

#include "synthbench/llm/chat.hpp"
#include "synthbench/llm/client.hpp"
#include "synthbench/llm/openai_json.hpp"

#endif  // SYNTHBENCH_LLM_HPP
