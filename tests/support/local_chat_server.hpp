#ifndef SYNTHBENCH_TESTS_SUPPORT_LOCAL_CHAT_SERVER_HPP
#define SYNTHBENCH_TESTS_SUPPORT_LOCAL_CHAT_SERVER_HPP

// A local OpenAI-compatible chat-completions server for tests and examples: POSIX sockets,
// no dependency but synthbench's llm headers, header-only.
//
// - Listens on 127.0.0.1 only (never another address), on an ephemeral port.
// - Answers POST .../chat/completions with a deterministic answer derived from the request,
//   as model "synthbench-local-test-server" (DESIGN.md, Honesty: cassettes recorded from it
//   name it as what answered), or with what Options::answerer returns (local_models.hpp:
//   small deterministic programs behind the chat API, each answering under its own
//   "synthbench-local-test-server/..." name). An answerer that throws gets a 400 answer.
// - Sets TCP_NODELAY on every connection: without it, recording crawled at 22 requests per
//   second instead of about 500 (Nagle's algorithm delaying the small response writes).
// - Faults on demand, for the next N requests (fail_next) or per request (a user message
//   containing "[[fault:NAME]]"): 429 with Retry-After, 500, 401, slow, malformed JSON, or a
//   dropped connection.
// - Canned responses: any status, headers and body bytes (a gzip-encoded body too), for the
//   next N requests (serve_next) or per request (Options::responder), whatever the path.
// - Speaks both native dialects: POST .../chat/completions (OpenAI) and POST .../messages
//   (Anthropic Messages API, answered with content blocks and stop_reason "end_turn").
//   It remembers the last request's path and headers (last_path, last_header).
// - Bounded: a fixed pool of connection workers, bounded reads with timeouts, at most
//   max_requests requests; it stops in its destructor, and by itself after idle_timeout
//   without a connection.

#include <arpa/inet.h>    // htonl, htons, ntohs
#include <netinet/in.h>   // sockaddr_in, INADDR_LOOPBACK
#include <netinet/tcp.h>  // TCP_NODELAY
#include <poll.h>         // poll
#include <sys/socket.h>   // socket, bind, listen, accept4, setsockopt, shutdown
#include <unistd.h>       // close, read, write

#include <atomic>              // std::atomic
#include <cerrno>              // errno
#include <chrono>              // std::chrono
#include <condition_variable>  // std::condition_variable
#include <cstdint>             // std::uint16_t, std::uint64_t
#include <cstdio>              // std::snprintf
#include <cstdlib>             // std::strtoull
#include <cstring>             // std::strerror
#include <deque>               // std::deque
#include <exception>           // std::exception
#include <functional>          // std::function
#include <optional>            // std::optional
#include <mutex>               // std::mutex
#include <ostream>             // std::ostream
#include <stdexcept>           // std::runtime_error
#include <string>              // std::string
#include <thread>              // std::thread
#include <utility>             // std::pair, std::move
#include <vector>              // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include <synthbench/detail/hash.hpp>       // detail::Fnv1a64
#include <synthbench/llm/openai_json.hpp>  // chat_request_from_openai_json

namespace synthbench_test_support {

class LocalChatServer {
 public:
  enum class Fault { none, rate_limit, server_error, slow, malformed_json, drop_connection, unauthorized };

  // An answer and the model that gave it.
  struct Reply {
    std::string content;
    std::string model;
  };

  // A response served as it is: status, headers ("name", "value"; Content-Length and
  // Connection are added) and the body's bytes.
  struct Canned {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
  };

  // What a responder sees of a request.
  struct Request {
    std::string path;                                          // "/v1/chat/completions"
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
    std::string body;
  };

  struct Options {
    std::chrono::milliseconds idle_timeout{30000};  // stops by itself after this long without a connection
    std::chrono::milliseconds slow_delay{300};      // how long Fault::slow waits before answering
    std::string retry_after = "1";                  // the Retry-After value of Fault::rate_limit
    std::size_t max_requests = 200000;              // hard bound on requests served
    std::size_t workers = 16;                       // connections handled at once
    // Answers a request instead of answer_for (called from several workers at once). Empty
    // `model` in the reply: model_name. A throw becomes a 400 answer with its message.
    std::function<Reply(const synthbench::llm::ChatRequest&)> answerer;
    // Called first for every request (from several workers at once): a Canned response is
    // served as it is; nullopt goes on to the faults and the answer.
    std::function<std::optional<Canned>(const Request&)> responder;
  };

  static constexpr const char* model_name = "synthbench-local-test-server";

  LocalChatServer() : LocalChatServer(Options{}) {}
  explicit LocalChatServer(Options options) : options_(std::move(options)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // 127.0.0.1 only
    address.sin_port = 0;                              // ephemeral
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listen_fd_, 128) != 0) {
      const std::string why = std::strerror(errno);
      ::close(listen_fd_);
      throw std::runtime_error("cannot listen on 127.0.0.1: " + why);
    }
    socklen_t length = sizeof address;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    for (std::size_t i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work(); });
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  LocalChatServer(const LocalChatServer&) = delete;
  LocalChatServer& operator=(const LocalChatServer&) = delete;
  ~LocalChatServer() { stop(); }

  std::uint16_t port() const { return port_; }
  // The base URL clients use: http://127.0.0.1:PORT/v1
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }

  // The next `count` requests get `canned` (queued after earlier serve_next calls; served
  // before any fault or answer).
  void serve_next(const Canned& canned, std::size_t count = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < count; ++i) canned_.push_back(canned);
  }

  // The path of the last request ("/v1/messages").
  std::string last_path() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_.path;
  }
  // The value of header `name` (lower case) in the last request, "" when absent.
  std::string last_header(const std::string& name) const {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [n, v] : last_request_.headers) {
      if (n == name) return v;
    }
    return {};
  }

  // The next `count` requests get `fault` (queued after earlier fail_next calls).
  void fail_next(Fault fault, std::size_t count = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < count; ++i) planned_.push_back(fault);
  }

  std::size_t requests() const { return requests_.load(); }          // requests received (faulty ones too)
  std::size_t answered() const { return answered_.load(); }          // normal answers sent
  // Most requests handled at once, each counted from its full arrival to its answer.
  std::size_t max_concurrent() const { return max_concurrent_.load(); }
  std::string last_authorization() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_authorization_;
  }
  bool stopped() const { return stopped_.load(); }
  bool accepting() const { return !stopping_.load(); }  // false once stopped or idle-timed-out

  // Stops accepting, closes queued connections, waits for the workers. Idempotent.
  void stop() {
    std::lock_guard<std::mutex> guard(stop_mutex_);
    if (stopped_.load()) return;
    stopping_ = true;
    if (acceptor_.joinable()) acceptor_.join();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const int fd : pending_) ::close(fd);
      pending_.clear();
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
    if (listen_fd_ >= 0) ::close(listen_fd_);
    listen_fd_ = -1;
    stopped_ = true;
  }

  // A hash of everything in `request` that matters (model, messages, seed), as 16 hex digits.
  static std::string request_tag(const synthbench::llm::ChatRequest& request) {
    synthbench::detail::Fnv1a64 hash;
    const auto mix = [&hash](const std::string& s) { hash.add(s).add_byte(0xff); };  // 0xff ends each field
    mix(request.model);
    for (const auto& m : request.messages) {
      mix(m.role);
      mix(m.content);
    }
    if (request.seed) mix(std::to_string(*request.seed));
    char tag[17];
    std::snprintf(tag, sizeof tag, "%016llx", static_cast<unsigned long long>(hash.value()));
    return tag;
  }

  // The deterministic answer the server gives to `request` (also for tests to compare).
  static std::string answer_for(const synthbench::llm::ChatRequest& request) {
    std::string last;
    for (const auto& m : request.messages) {
      if (m.role == "user") last = m.content;
    }
    std::string quoted = last.size() > 80 ? last.substr(0, 80) + "..." : last;
    return "local answer " + request_tag(request) + " to: " + quoted;
  }

 private:
  static std::size_t words(const std::string& s) {
    std::size_t n = 0;
    bool in_word = false;
    for (const char c : s) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (!space && !in_word) ++n;
      in_word = !space;
    }
    return n;
  }

  void accept_loop() {
    auto last_activity = std::chrono::steady_clock::now();
    while (!stopping_.load() && requests_.load() < options_.max_requests) {
      pollfd p{listen_fd_, POLLIN, 0};
      const int ready = ::poll(&p, 1, 50);
      if (ready <= 0) {
        if (std::chrono::steady_clock::now() - last_activity > options_.idle_timeout) break;
        continue;
      }
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      last_activity = std::chrono::steady_clock::now();
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_.push_back(fd);
      }
      cv_.notify_one();
    }
    stopping_ = true;  // idle or exhausted: stop accepting, let workers drain and exit
    cv_.notify_all();
  }

  void work() {
    for (;;) {
      int fd = -1;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [this] { return stopping_.load() || !pending_.empty(); });
        if (pending_.empty()) return;
        fd = pending_.front();
        pending_.pop_front();
      }
      handle(fd);
      ::close(fd);
    }
  }

  // Reads until `need` returns true or the peer stops; bounded in size and time.
  static bool read_more(int fd, std::string& buffer) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return false;
    char chunk[16384];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    return buffer.size() < (8u << 20);
  }

  static void write_all(int fd, const std::string& data) {
    std::size_t off = 0;
    while (off < data.size()) {
      const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return;
      off += static_cast<std::size_t>(n);
    }
  }

  static void respond(int fd, int status, const std::string& reason, const std::string& body,
                      const std::string& extra_headers = {}) {
    write_all(fd, "HTTP/1.1 " + std::to_string(status) + " " + reason +
                      "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body);
  }

  static const char* reason_phrase(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 413: return "Payload Too Large";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 529: return "Overloaded";
      default: return "Status";
    }
  }

  static void respond_canned(int fd, const Canned& c) {
    std::string head = "HTTP/1.1 " + std::to_string(c.status) + " " + reason_phrase(c.status) + "\r\n";
    for (const auto& [name, value] : c.headers) head += name + ": " + value + "\r\n";
    head += "Connection: close\r\nContent-Length: " + std::to_string(c.body.size()) + "\r\n\r\n";
    write_all(fd, head + c.body);
  }

  // An Anthropic Messages request as a ChatRequest (system, model, text of each message).
  static synthbench::llm::ChatRequest anthropic_request(const nlohmann::json& body) {
    synthbench::llm::ChatRequest r;
    r.model = body.at("model").get<std::string>();
    if (body.contains("system")) r.messages.push_back({"system", body["system"].get<std::string>(), nlohmann::json::object()});
    for (const auto& m : body.at("messages")) {
      std::string text;
      const auto& content = m.at("content");
      if (content.is_string()) {
        text = content.get<std::string>();
      } else {
        for (const auto& block : content) {
          if (block.value("type", "") == "text") text += block.value("text", "");
        }
      }
      r.messages.push_back({m.at("role").get<std::string>(), text, nlohmann::json::object()});
    }
    if (body.contains("max_tokens")) r.max_tokens = body["max_tokens"].get<std::int64_t>();
    return r;
  }

  void handle(int fd) {
    std::string buffer;
    std::size_t header_end = std::string::npos;
    while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      if (!read_more(fd, buffer)) return;
    }
    const std::string head = buffer.substr(0, header_end);
    std::string lower = head;
    for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::size_t length = 0;
    if (const auto at = lower.find("\r\ncontent-length:"); at != std::string::npos) {
      length = static_cast<std::size_t>(std::strtoull(lower.c_str() + at + 17, nullptr, 10));
    }
    if (const auto at = lower.find("\r\nauthorization:"); at != std::string::npos) {
      const auto end = head.find("\r\n", at + 2);
      std::lock_guard<std::mutex> lock(mutex_);
      last_authorization_ = head.substr(at + 17, end == std::string::npos ? std::string::npos : end - at - 17);
      while (!last_authorization_.empty() && last_authorization_.front() == ' ') last_authorization_.erase(0, 1);
    }
    if (lower.find("\r\nexpect: 100-continue") != std::string::npos) write_all(fd, "HTTP/1.1 100 Continue\r\n\r\n");
    if (length > (8u << 20)) return respond(fd, 413, "Payload Too Large", R"j({"error":{"message":"too large"}})j");
    while (buffer.size() < header_end + 4 + length) {
      if (!read_more(fd, buffer)) return;
    }
    ++requests_;
    // Counted from the full request to the first byte of the answer: the client cannot have
    // its response (and send another request) while this one counts as concurrent.
    struct Active {
      std::atomic<std::size_t>& count;
      bool done = false;
      void release() {
        if (!done) --count;
        done = true;
      }
      ~Active() { release(); }
    } active{active_};
    const std::size_t now = ++active_;
    for (std::size_t seen = max_concurrent_.load(); now > seen && !max_concurrent_.compare_exchange_weak(seen, now);) {
    }
    const auto respond = [&active](int fd_, int status, const std::string& reason, const std::string& body_,
                                   const std::string& extra_headers = {}) {
      active.release();
      LocalChatServer::respond(fd_, status, reason, body_, extra_headers);
    };
    const std::string body = buffer.substr(header_end + 4, length);
    Request seen;
    seen.body = body;
    if (const auto space = head.find(' '); space != std::string::npos) {
      seen.path = head.substr(space + 1, head.find(' ', space + 1) - space - 1);
    }
    for (std::size_t at = head.find("\r\n"); at != std::string::npos;) {
      const std::size_t end = head.find("\r\n", at + 2);
      const std::string line = head.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
      if (const auto colon = line.find(':'); colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        seen.headers.emplace_back(std::move(name), std::move(value));
      }
      at = end;
    }
    std::optional<Canned> canned;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_request_ = seen;
      if (!canned_.empty()) {
        canned = canned_.front();
        canned_.pop_front();
      }
    }
    if (!canned && options_.responder) canned = options_.responder(seen);
    if (canned) {
      active.release();
      respond_canned(fd, *canned);
      return;
    }
    const bool messages_api = seen.path.size() >= 9 && seen.path.compare(seen.path.size() - 9, 9, "/messages") == 0;
    if (head.compare(0, 5, "POST ") != 0 || (head.find("/chat/completions ") == std::string::npos && !messages_api)) {
      return respond(fd, 404, "Not Found",
                     R"j({"error":{"message":"only POST /v1/chat/completions and POST /v1/messages are served"}})j");
    }
    synthbench::llm::ChatRequest request;
    try {
      const auto parsed = nlohmann::json::parse(body);
      request = messages_api ? anthropic_request(parsed)
                             : synthbench::llm::chat_request_from_openai_json(parsed, "request body");
    } catch (const std::exception& e) {
      return respond(fd, 400, "Bad Request", nlohmann::json({{"error", {{"message", e.what()}}}}).dump());
    }
    Fault fault = Fault::none;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!planned_.empty()) {
        fault = planned_.front();
        planned_.pop_front();
      }
    }
    for (const auto& m : request.messages) {
      static const std::pair<const char*, Fault> directives[] = {
          {"[[fault:rate_limit]]", Fault::rate_limit},         {"[[fault:server_error]]", Fault::server_error},
          {"[[fault:slow]]", Fault::slow},                     {"[[fault:malformed_json]]", Fault::malformed_json},
          {"[[fault:drop_connection]]", Fault::drop_connection}, {"[[fault:unauthorized]]", Fault::unauthorized}};
      for (const auto& [text, f] : directives) {
        if (m.content.find(text) != std::string::npos) fault = f;
      }
    }
    switch (fault) {
      case Fault::rate_limit:
        return respond(fd, 429, "Too Many Requests", R"j({"error":{"message":"rate limited (local test server)","type":"rate_limit"}})j",
                       "Retry-After: " + options_.retry_after + "\r\n");
      case Fault::server_error:
        return respond(fd, 500, "Internal Server Error", R"j({"error":{"message":"failure on purpose (local test server)"}})j");
      case Fault::unauthorized:
        return respond(fd, 401, "Unauthorized", R"j({"error":{"message":"no valid API key (local test server)"}})j");
      case Fault::malformed_json:
        return respond(fd, 200, "OK", R"({"id":"x","choices":[{"message":{"content":"cut)");
      case Fault::drop_connection:
        active.release();
        ::shutdown(fd, SHUT_RDWR);
        return;
      case Fault::slow:
        for (auto waited = std::chrono::milliseconds(0); waited < options_.slow_delay && !stopping_.load();
             waited += std::chrono::milliseconds(10)) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        break;
      case Fault::none: break;
    }
    Reply reply;
    if (options_.answerer) {
      try {
        reply = options_.answerer(request);
      } catch (const std::exception& e) {
        const nlohmann::json error = {{"error", {{"message", std::string(e.what()) + " (local test server)"}, {"type", "invalid_request_error"}}}};
        return respond(fd, 400, "Bad Request", error.dump());
      }
    } else {
      reply.content = answer_for(request);
    }
    if (reply.model.empty()) reply.model = model_name;
    const std::string& answer = reply.content;
    std::size_t prompt_words = 0;
    for (const auto& m : request.messages) prompt_words += words(m.content);
    const std::size_t completion_words = words(answer);
    // With an answerer, the id depends on the request only, so that a recording does not
    // depend on the order concurrent requests arrived in.
    const std::string id_tail = options_.answerer ? request_tag(request) : std::to_string(requests_.load());
    nlohmann::json response;
    if (messages_api) {
      response = {{"id", "msg_local_" + id_tail},
                  {"type", "message"},
                  {"role", "assistant"},
                  {"model", reply.model},
                  {"content", {{{"type", "text"}, {"text", answer}}}},
                  {"stop_reason", "end_turn"},
                  {"stop_sequence", nullptr},
                  {"usage", {{"input_tokens", prompt_words}, {"output_tokens", completion_words}}}};
    } else {
      response = {
          {"id", "chatcmpl-local-" + id_tail},
          {"object", "chat.completion"},
          {"created", 0},
          {"model", reply.model},
          {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", answer}}}, {"finish_reason", "stop"}}}},
          {"usage", {{"prompt_tokens", prompt_words}, {"completion_tokens", completion_words}, {"total_tokens", prompt_words + completion_words}}}};
    }
    ++answered_;
    respond(fd, 200, "OK", response.dump());
  }

  Options options_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread acceptor_;
  std::vector<std::thread> workers_;
  mutable std::mutex mutex_;
  std::mutex stop_mutex_;
  std::condition_variable cv_;
  std::deque<int> pending_;
  std::deque<Fault> planned_;
  std::deque<Canned> canned_;
  Request last_request_;
  std::string last_authorization_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> stopped_{false};
  std::atomic<std::size_t> requests_{0};
  std::atomic<std::size_t> answered_{0};
  std::atomic<std::size_t> active_{0};
  std::atomic<std::size_t> max_concurrent_{0};
};

// Prints a fault by name in GoogleTest messages and parameterized test names.
inline void PrintTo(LocalChatServer::Fault fault, std::ostream* os) {
  static const char* const names[] = {"none",           "rate_limit",      "server_error", "slow",
                                      "malformed_json", "drop_connection", "unauthorized"};
  *os << names[static_cast<int>(fault)];
}

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_SUPPORT_LOCAL_CHAT_SERVER_HPP
