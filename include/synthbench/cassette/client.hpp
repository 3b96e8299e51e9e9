#ifndef SYNTHBENCH_CASSETTE_CLIENT_HPP
#define SYNTHBENCH_CASSETTE_CLIENT_HPP

/// @file
/// `CassetteClient`: a ChatClient that replays recorded interactions from a cassette and,
/// in a recording mode, records what is missing through an upstream client (the HTTP
/// transport, or any ChatClient).
///
///     synthbench::cassette::CassetteOptions options;           // mode from SYNTHBENCH_RECORD
///     synthbench::cassette::CassetteClient llm(synthbench::cassette::cassette_path("Snips"), options,
///         [] { return std::make_shared<synthbench::http::OpenAiClient>(); });  // only called to record
///     auto answer = llm.complete(request);
///
/// Matching is a hash lookup on the canonical request (canonical.hpp) plus the replicate
/// index: the k-th identical request of a run gets the k-th recorded answer. In mode none
/// (the default) the upstream factory is never called, so a replaying client holds no
/// transport and cannot reach the network; a miss throws CassetteMiss with the cassette
/// path, the request, a field-level diff against the nearest recorded request and the
/// command that records it.
///
/// Recording appends every completed interaction to the journal (fsync'd) before complete()
/// returns, and finish() (or the destructor) rewrites the cassette atomically under the
/// cassette's file lock, merging what other processes recorded meanwhile. Thread-safe:
/// any number of threads may call complete() at once.
///
/// CassetteOptions, UpstreamFactory and FinishReport are in client_options.hpp; the texts of a
/// miss and of the unused-interactions report in miss_message.hpp.

#include <algorithm>      // std::find, std::remove_if, std::stable_sort
#include <chrono>         // std::chrono::steady_clock
#include <cstddef>        // std::size_t
#include <deque>          // std::deque (stable element addresses)
#include <exception>      // std::exception_ptr, std::rethrow_exception
#include <filesystem>     // std::filesystem::path
#include <functional>     // std::function
#include <iostream>       // std::cerr (default report sink)
#include <memory>         // std::shared_ptr
#include <mutex>          // std::mutex, std::lock_guard, std::unique_lock
#include <optional>       // std::optional
#include <set>            // std::set
#include <string>         // std::string
#include <string_view>    // std::string_view
#include <unordered_set>  // std::unordered_set
#include <utility>        // std::move
#include <vector>         // std::vector

#include <nlohmann/json.hpp>  // nlohmann::json

#include "synthbench/cassette/canonical.hpp"  // Endpoint, RequestFilter, canonical_key
#include "synthbench/cassette/client_options.hpp"  // CassetteOptions, UpstreamFactory, FinishReport
#include "synthbench/cassette/errors.hpp"     // CassetteError, CassetteMiss
#include "synthbench/detail/file_lock.hpp"  // detail::FileLock
#include "synthbench/cassette/format.hpp"     // Interaction, Cassette, journal_line, interaction_id
#include "synthbench/cassette/key_index.hpp"  // KeyIndex
#include "synthbench/cassette/miss_message.hpp"  // cassette_miss, record_command, summarize_interaction
#include "synthbench/cassette/mode.hpp"       // RecordMode, resolve_record_mode, check_recording_allowed
#include "synthbench/cassette/secrets.hpp"    // secret_variables, check_no_secrets
#include "synthbench/cassette/storage.hpp"    // read/write/journal helpers
#include "synthbench/cassette/usage.hpp"      // usage_path_for, add_usage
#include "synthbench/llm/batch_errors.hpp"    // llm::is_configuration_failure
#include "synthbench/llm/client.hpp"          // llm::ChatClient, llm::url_host, llm::resolve_base_url
#include "synthbench/llm/outcome.hpp"         // llm::Outcome
#include "synthbench/llm/provider.hpp"        // llm::check_request_supported, response_from_json
#include "synthbench/version.hpp"             // SYNTHBENCH_NAMESPACE_BEGIN

SYNTHBENCH_NAMESPACE_BEGIN
namespace cassette {

/// The record/replay client (see the file comment).
class CassetteClient : public llm::ChatClient {
 public:
  /// Opens the cassette at `path` (cassette_path(name) gives the conventional one).
  /// `upstream` is called once, only if the mode records. Throws RecordingRefused in CI,
  /// CassetteError 1 (bad SYNTHBENCH_RECORD), 3 (bad redaction or ignored field), 5
  /// (recording without an upstream, or an upstream at another host), and what reading a
  /// malformed cassette or journal throws (InputError naming the file and position).
  explicit CassetteClient(std::filesystem::path path, CassetteOptions options = {}, UpstreamFactory upstream = {})
      : path_(std::move(path)),
        options_(std::move(options)),
        filter_(options_.redaction, options_.ignored_fields),
        variables_(secret_variables(options_.secret_variables)) {
    requested_mode_ = resolve_record_mode(options_.mode);
    std::error_code ec;
    const bool exists = std::filesystem::exists(path_, ec);
    recording_ = requested_mode_ == RecordMode::new_episodes || requested_mode_ == RecordMode::all ||
                 (requested_mode_ == RecordMode::once && !exists);
    endpoint_.provider = options_.provider;
    if (recording_) {
      check_recording_allowed(path_, requested_mode_);
      if (!upstream) {
        throw CassetteError(5, "cannot record " + path_.string() + " in mode " + to_string(requested_mode_) +
                                   ": no upstream client was given (pass an UpstreamFactory)");
      }
      upstream_ = upstream();
      if (!upstream_) throw CassetteError(5, "the upstream factory for " + path_.string() + " returned no client");
      const std::string upstream_provider = upstream_->provider();
      if (!options_.provider.empty() && !upstream_provider.empty() && options_.provider != upstream_provider) {
        throw CassetteError(5, "the upstream client speaks " + upstream_provider + " but the cassette files requests under " +
                                   options_.provider + "; set both to the same provider");
      }
      if (endpoint_.provider.empty()) endpoint_.provider = upstream_provider;
      if (endpoint_.provider.empty()) endpoint_.provider = llm::to_string(llm::resolve_provider());
      const std::string upstream_url = upstream_->base_url();
      if (!options_.base_url.empty() && !upstream_url.empty() &&
          llm::url_host(options_.base_url) != llm::url_host(upstream_url)) {
        throw CassetteError(5, "the upstream client sends to " + upstream_url + " but the cassette files requests under " +
                                   options_.base_url + "; set both to the same URL");
      }
      endpoint_.host = llm::url_host(!options_.base_url.empty() ? options_.base_url
                                     : !upstream_url.empty()    ? upstream_url
                                                                : resolve_url());
      add_key_variable();
      open_for_recording();
    } else {
      if (endpoint_.provider.empty()) endpoint_.provider = llm::to_string(llm::resolve_provider());
      endpoint_.host = llm::url_host(resolve_url(options_.base_url));
      add_key_variable();
      open_for_replay(exists);
    }
  }

  CassetteClient(const CassetteClient&) = delete;
  CassetteClient& operator=(const CassetteClient&) = delete;

  /// Finishes (see finish()) if that was not done; problems are reported, not thrown.
  ~CassetteClient() override {
    try {
      (void)finish();
    } catch (const std::exception& e) {
      note(e.what());
    } catch (...) {
      note("cassette " + path_.string() + ": unknown error while finishing");
    }
  }

  /// Replays the recorded outcome of `request`, or records it (recording modes): every
  /// outcome, failures included, is recorded and replays as it was (docs/cassettes.md,
  /// "Outcomes and modes"). In new_episodes, a recorded transient_failure is tried again
  /// and replaced when the new call ends otherwise (when it fails again, the recorded
  /// failure stays and is returned). Throws UsageError 95 for a request asking for
  /// streaming, CassetteMiss on a miss in replay, SecretLeak when the interaction to record
  /// holds a secret (nothing is stored), and whatever the upstream throws (nothing is
  /// stored); after a configuration failure of the upstream (llm::is_configuration_failure:
  /// 401, 403, 404, a bad base URL) every later call that would record rethrows it.
  llm::ChatResponse complete(const llm::ChatRequest& request) override {
    llm::check_request_supported(request);
    std::string full;
    std::string key;
    keys_of(request, full, key);
    std::size_t call = 0;
    std::optional<std::size_t> retry;  // the entry of a recorded transient failure to try again
    {
      std::unique_lock<std::mutex> guard(mutex_);
      if (finished_) throw CassetteError(6, "cassette " + path_.string() + " is finished; open a new CassetteClient");
      Slot& slot = slot_for(key);
      call = slot.calls++;
      if (requested_mode_ != RecordMode::all && call < slot.replicates.size()) {
        const std::size_t index = slot.replicates[call];
        Entry& e = entries_[index];
        if (requested_mode_ == RecordMode::new_episodes && !e.fresh &&
            e.interaction.response.outcome == llm::Outcome::transient_failure) {
          retry = index;
        } else {
          e.used = true;
          ++replayed_;
          return e.interaction.response;
        }
      }
      if (!recording_) {
        const std::size_t recorded = slot.replicates.size();
        guard.unlock();  // entries_ never changes in replay: the miss is built unlocked
        throw make_miss(full.empty() ? key : full, call, recorded);
      }
    }
    return record(request, std::move(full), std::move(key), retry);
  }

  /// Writes what was recorded (merged with the file and the journal, atomically, under the
  /// lock), adds this run's usage to the usage file, and reports unused interactions.
  /// Idempotent. Throws CassetteError 30 in strict mode when interactions went unused, and
  /// what writing throws (SecretLeak, IoError).
  FinishReport finish() {
    std::lock_guard<std::mutex> finishing(finish_mutex_);
    if (finished_report_) return *finished_report_;
    std::vector<Interaction> fresh;
    std::set<std::string> used_ids;
    std::unordered_set<std::string> fresh_keys;
    FinishReport report;
    std::vector<const Entry*> unused;
    const auto usage = usage_file();  // the ids of the used interactions are computed only for it
    {
      std::lock_guard<std::mutex> guard(mutex_);
      finished_ = true;
      report.replayed = replayed_;
      for (const auto& e : entries_) {
        if (e.fresh) {
          fresh.push_back(e.interaction);
          fresh_keys.insert(std::string(e.key_view()));
        }
        if (e.used && !usage.empty()) used_ids.insert(interaction_id(e.interaction.request, e.interaction.replicate));
      }
      report.recorded = fresh.size();
      for (const auto& e : entries_) {
        const bool replaced = requested_mode_ == RecordMode::all && !e.fresh && fresh_keys.count(std::string(e.key_view())) != 0;
        if (!e.fresh && !e.used && !replaced) unused.push_back(&e);
      }
    }
    if (recording_ && !fresh.empty()) {
      synthbench::detail::FileLock lock(lock_path(path_));
      auto file = read_cassette_if_exists(path_);
      auto journal = read_journal(path_);
      Cassette merged;
      std::vector<Interaction> base = file ? std::move(file->interactions) : std::vector<Interaction>{};
      if (file) merged.metadata = file->metadata;
      if (requested_mode_ == RecordMode::all) {
        const auto stale = [&](const Interaction& i) { return fresh_keys.count(stored_key(i)) != 0; };
        base.erase(std::remove_if(base.begin(), base.end(), stale), base.end());
        // This run's own journal lines come back from `fresh`, which wins the merge.
        journal.erase(std::remove_if(journal.begin(), journal.end(), stale), journal.end());
      }
      merged.interactions = merge_newer_wins({std::move(base), std::move(journal), std::move(fresh)});
      if (!options_.description.empty()) merged.metadata.description = options_.description;
      merged.metadata.updated_at = utc_now();
      write_cassette(path_, merged, variables_);
      remove_journal(path_);
      report.written = true;
    }
    if (!usage.empty()) add_usage(usage, path_.string(), used_ids);
    report.unused = unused.size();
    if (!unused.empty()) {
      report.message = "cassette " + path_.string() + ": " + std::to_string(unused.size()) + " of " +
                       std::to_string(loaded_) + " recorded interactions were not used by this run";
      for (std::size_t i = 0; i < unused.size() && i < 5; ++i) {
        report.message += "\n  - " + summarize_interaction(unused[i]->interaction);
      }
      if (unused.size() > 5) report.message += "\n  - ... and " + std::to_string(unused.size() - 5) + " more";
      report.message += "\n(prune them with: synthbench cassette prune --usage USAGE_FILE " + path_.string() +
                        ", after a run with SYNTHBENCH_CASSETTE_USAGE_DIR set)";
    }
    finished_report_ = report;
    if (!report.message.empty()) {
      if (options_.strict) throw CassetteError(30, report.message);
      note(report.message);
    }
    return report;
  }

  /// True when the cassette holds replicate `replicate` of `request`: the replay lookup
  /// (canonical key, hash lookup) without consuming anything or failing on a miss.
  bool contains(const llm::ChatRequest& request, std::size_t replicate = 0) const {
    thread_local std::string key;  // reused: a lookup allocates nothing in the plain case
    std::string full;
    if (filter_.plain_requests()) {
      canonical_key_into(key, request, endpoint_);
    } else {
      keys_of(request, full, key);
    }
    std::lock_guard<std::mutex> guard(mutex_);
    const Slot* slot = index_.find(key);
    return slot != nullptr && replicate < slot->replicates.size();
  }

  /// The mode in effect: once reads as none when the cassette existed.
  RecordMode mode() const noexcept { return recording_ ? requested_mode_ : RecordMode::none; }
  /// True when this client may call the upstream.
  bool recording() const noexcept { return recording_; }
  /// True when an upstream client exists (never in replay).
  bool holds_upstream() const noexcept { return upstream_ != nullptr; }
  /// The cassette file.
  const std::filesystem::path& path() const noexcept { return path_; }
  /// The host requests are filed under.
  const Endpoint& endpoint() const noexcept { return endpoint_; }
  /// Interactions known: loaded plus recorded so far.
  std::size_t size() const {
    std::lock_guard<std::mutex> guard(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    Interaction interaction;
    std::string key;  // the match key when it differs from interaction.request (ignored fields)
    bool used = false;
    bool fresh = false;  // recorded by this client
    std::string_view key_view() const noexcept { return key.empty() ? interaction.request : key; }
  };
  struct Slot {
    std::vector<std::size_t> replicates;  // entries_ indices, in replicate order
    std::size_t calls = 0;                // calls of this key so far in this run
    std::size_t fresh = 0;                // recorded by this run (mode all numbers them anew)
  };

  // The base URL of the provider's public API when none is configured (llm/provider.hpp).
  std::string resolve_url(const std::string& explicit_url = {}) const {
    const auto p = llm::provider_from_string(endpoint_.provider);
    return llm::resolve_base_url(p ? *p : llm::Provider::openai, explicit_url);
  }

  // The provider's key variable is secret too (ANTHROPIC_API_KEY for anthropic).
  void add_key_variable() {
    const auto p = llm::provider_from_string(endpoint_.provider);
    if (!p) return;
    const std::string name = llm::api_key_variable(*p);
    if (std::find(variables_.begin(), variables_.end(), name) == variables_.end()) variables_.push_back(name);
  }

  void note(const std::string& text) const {
    if (options_.report) {
      options_.report(text);
    } else {
      std::cerr << "synthbench: " << text << "\n";
    }
  }

  std::filesystem::path usage_file() const {
    if (!options_.usage_file.empty()) return options_.usage_file;
    if (const auto dir = environment_value("SYNTHBENCH_CASSETTE_USAGE_DIR")) return usage_path_for(*dir, path_);
    return {};
  }

  // `key` is the match key; `full` the stored form, left empty when equal to `key` (the
  // plain case, which then costs one serialization and no copy).
  void keys_of(const llm::ChatRequest& request, std::string& full, std::string& key) const {
    if (filter_.plain_requests()) {
      key = canonical_key(request, endpoint_);
      return;
    }
    nlohmann::json c = canonical_request(request, endpoint_);
    filter_.redact_request(c);
    key = canonical_text(c);
    if (!options_.ignored_fields.empty()) {
      full = std::move(key);
      filter_.remove_ignored(c);
      key = canonical_text(c);
    }
  }

  std::string stored_key(const Interaction& i) const {
    if (options_.ignored_fields.empty()) return i.request;
    nlohmann::json c = nlohmann::json::parse(i.request);
    filter_.remove_ignored(c);
    return canonical_text(c);
  }

  Slot& slot_for(const std::string& key) {
    if (Slot* slot = index_.find(key)) return *slot;
    owned_keys_.push_back(key);
    return index_[std::string_view(owned_keys_.back())];
  }

  void add_entries(std::vector<Interaction> interactions) {
    sort_interactions(interactions);  // replicate order within each request
    for (auto& i : interactions) {
      Entry e;
      if (!options_.ignored_fields.empty()) e.key = stored_key(i);
      e.interaction = std::move(i);
      entries_.push_back(std::move(e));
      // The index views the key inside the entry (a deque never moves its elements).
      index_[entries_.back().key_view()].replicates.push_back(entries_.size() - 1);
    }
    if (!options_.ignored_fields.empty()) {
      // Keys equal after ignoring fields: serve them in replicate order.
      for (auto& [k, slot] : index_) {
        (void)k;
        std::stable_sort(slot.replicates.begin(), slot.replicates.end(), [this](std::size_t a, std::size_t b) {
          return entries_[a].interaction.replicate < entries_[b].interaction.replicate;
        });
      }
    }
    loaded_ = entries_.size();
  }

  void open_for_recording() {
    synthbench::detail::FileLock lock(lock_path(path_));
    synthbench::detail::remove_stale_temporary_files(path_);  // left by a writer killed mid-rewrite
    auto file = read_cassette_if_exists(path_);
    bool torn = false;
    auto journal = read_journal(path_, &torn);
    std::vector<Interaction> interactions = file ? std::move(file->interactions) : std::vector<Interaction>{};
    if (!journal.empty() || torn) {
      const std::size_t recovered = journal.size();
      interactions = merge_newer_wins({std::move(interactions), std::move(journal)});
      Cassette merged;
      if (file) merged.metadata = file->metadata;
      merged.metadata.updated_at = utc_now();
      merged.interactions = interactions;
      if (!merged.interactions.empty()) write_cassette(path_, merged, variables_);
      remove_journal(path_);
      note("cassette " + path_.string() + ": merged " + std::to_string(recovered) +
           " interaction(s) from a journal left by an earlier run" +
           (torn ? " (a line cut short by an interrupted write was dropped)" : ""));
    }
    add_entries(std::move(interactions));
  }

  void open_for_replay(bool exists) {
    std::vector<Interaction> interactions;
    bool torn = false;
    std::vector<Interaction> journal;
    {
      // Shared: a recorder merging the journal into the file cannot run between the two reads.
      synthbench::detail::FileLock lock(lock_path(path_), synthbench::detail::SharedIfExists{});
      std::error_code ec;
      exists = std::filesystem::exists(path_, ec);
      missing_ = !exists;
      if (exists) interactions = read_cassette(path_).interactions;
      journal = read_journal(path_, &torn);
    }
    if (torn) note("cassette " + path_.string() + ": its journal holds a line cut short by an interrupted write (dropped)");
    if (!journal.empty()) {
      note("cassette " + path_.string() + ": replaying also the " + std::to_string(journal.size()) +
           " interaction(s) of its journal (left by an interrupted recording; the next recording run merges it)");
      interactions = merge_newer_wins({std::move(interactions), std::move(journal)});
      missing_ = false;
    }
    add_entries(std::move(interactions));
  }

  // Calls the upstream, rethrowing (and remembering) a configuration failure.
  llm::ChatResponse call_upstream(const llm::ChatRequest& request) {
    {
      std::lock_guard<std::mutex> guard(mutex_);
      if (configuration_failure_) std::rethrow_exception(configuration_failure_);
    }
    try {
      return upstream_->complete(request);
    } catch (...) {
      const std::exception_ptr error = std::current_exception();
      if (llm::is_configuration_failure(error)) {
        std::lock_guard<std::mutex> guard(mutex_);
        if (!configuration_failure_) configuration_failure_ = error;
      }
      throw;
    }
  }

  // The interaction of `live` as the cassette stores it (redacted, in the current format)
  // and as replay gives it back: it goes through the writer and the reader, so that what the
  // recording run sees is what every replay will see.
  Interaction stored_interaction(std::string request, const llm::ChatResponse& live) const {
    Interaction draft;
    draft.request = std::move(request);
    draft.response = live;
    draft.recorded_at = utc_now();
    nlohmann::json j = to_json(draft);
    nlohmann::json& response = j["response"];
    if (response.contains("body")) filter_.redact_response(response["body"]);
    for (const char* key : {"error", "body_text"}) {
      if (response.contains(key)) filter_.redact_response(response[key]);
    }
    if (!llm::is_failure(live.outcome)) {
      // The outcome of a completion is what its (redacted) body reads as.
      response["outcome"] =
          llm::to_string(llm::response_from_json(endpoint_.provider, response["body"], std::string(), path_.string()).outcome);
    }
    return interaction_from_json(j, path_.string(), "");
  }

  llm::ChatResponse record(const llm::ChatRequest& request, std::string full, std::string key,
                           std::optional<std::size_t> retry) {
    if (full.empty()) full = key;
    const auto start = std::chrono::steady_clock::now();
    llm::ChatResponse live = call_upstream(request);
    if (live.latency.count() == 0) {
      live.latency = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    }
    if (retry && live.outcome == llm::Outcome::transient_failure) {
      // Failed again: the recorded failure stays, and this run sees what replay will.
      std::lock_guard<std::mutex> guard(mutex_);
      Entry& e = entries_[*retry];
      e.used = true;
      ++replayed_;
      return e.interaction.response;
    }
    Interaction i = stored_interaction(std::move(full), live);
    // Refuse before anything is stored (the replicate does not change what is scanned).
    check_no_secrets(journal_line(i), journal_path(path_).string(), variables_);
    std::string line;
    {
      std::lock_guard<std::mutex> guard(mutex_);
      if (retry) {
        // The transient failure is replaced by this outcome, under its replicate number.
        Entry& e = entries_[*retry];
        i.replicate = e.interaction.replicate;
        e.interaction = i;
        e.used = true;
        e.fresh = true;
        line = journal_line(i);
      } else {
        Slot& slot = slot_for(key);
        i.replicate = requested_mode_ == RecordMode::all ? slot.fresh : slot.replicates.size();
        if (requested_mode_ != RecordMode::all) {
          // A replicate loaded from the file may already use this number (mode once after
          // recovery): take the next free one.
          for (const std::size_t idx : slot.replicates) {
            if (entries_[idx].interaction.replicate >= i.replicate) i.replicate = entries_[idx].interaction.replicate + 1;
          }
        }
        ++slot.fresh;
        line = journal_line(i);
        Entry e;
        if (!options_.ignored_fields.empty()) e.key = key;
        e.interaction = i;
        e.used = true;
        e.fresh = true;
        entries_.push_back(std::move(e));
        slot.replicates.push_back(entries_.size() - 1);
      }
    }
    {
      std::lock_guard<std::mutex> journal_guard(journal_mutex_);
      synthbench::detail::FileLock lock(lock_path(path_));
      if (append_journal(path_, line) > 0) note("cassette " + path_.string() + ": cut the torn last line of its journal");
    }
    llm::ChatResponse out = std::move(i.response);
    out.replayed = false;
    return out;
  }

  CassetteMiss make_miss(const std::string& full, std::size_t call, std::size_t recorded) const {
    std::vector<const std::string*> requests;
    requests.reserve(entries_.size());
    for (const auto& e : entries_) requests.push_back(&e.interaction.request);
    return cassette_miss({path_, requested_mode_, missing_, record_command(options_.record_command)}, full, call,
                         recorded, requests);
  }

  std::filesystem::path path_;
  CassetteOptions options_;
  RequestFilter filter_;
  std::vector<std::string> variables_;
  RecordMode requested_mode_ = RecordMode::none;
  bool recording_ = false;
  bool missing_ = false;
  Endpoint endpoint_;
  std::shared_ptr<llm::ChatClient> upstream_;
  std::exception_ptr configuration_failure_;  // the upstream's first configuration failure (guarded by mutex_)

  mutable std::mutex mutex_;  // guards entries_, index_, owned_keys_, counters, finished_
  std::mutex journal_mutex_;  // one journal append at a time from this client
  std::mutex finish_mutex_;
  std::deque<Entry> entries_;
  std::deque<std::string> owned_keys_;
  KeyIndex<Slot> index_;
  std::size_t loaded_ = 0;
  std::size_t replayed_ = 0;
  bool finished_ = false;
  std::optional<FinishReport> finished_report_;
};

}  // namespace cassette
SYNTHBENCH_NAMESPACE_END

#endif  // SYNTHBENCH_CASSETTE_CLIENT_HPP
