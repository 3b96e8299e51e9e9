#ifndef SYNTHBENCH_TESTS_UNIT_REPORT_TOY_EXPERIMENT_HPP
#define SYNTHBENCH_TESTS_UNIT_REPORT_TOY_EXPERIMENT_HPP

// A small intent experiment for report tests: 3 solvers of different quality, 2 generators
// (one named like a solver, so that a bias factor exists), 12 real and 6 + 6 synthetic items.

#include <synthbench/experiment/run.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace synthbench_test_support {

class MapSolver : public synthbench::IntentSolver {
 public:
  MapSolver(std::string name, int errors_every) : name_(std::move(name)), every_(errors_every) {}
  std::string name() const override { return name_; }
  std::vector<synthbench::IntentPrediction> predict(const std::vector<std::string>& texts) override {
    std::vector<synthbench::IntentPrediction> out;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::string truth = texts[i].find("play") != std::string::npos ? "Play" : "Book";
      if (every_ > 0 && static_cast<int>(i) % every_ == 0) {
        out.push_back({truth == "Play" ? "Book" : "Play", ""});
      } else {
        out.push_back({truth, ""});
      }
    }
    return out;
  }

 private:
  std::string name_;
  int every_;
};

class ListGenerator : public synthbench::Generator<synthbench::IntentItem> {
 public:
  explicit ListGenerator(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  synthbench::Dataset<synthbench::IntentItem> generate(const synthbench::GenerationRequest<synthbench::IntentItem>&) override {
    synthbench::Dataset<synthbench::IntentItem> d{name_, "list", {}, {}};
    for (int i = 0; i < 6; ++i) d.items.push_back({(i % 2 ? "play song " : "book seat ") + std::to_string(i), i % 2 ? "Play" : "Book"});
    d.report.add(2, "duplicate", "item 2", "a repeated utterance was dropped");
    return d;
  }

 private:
  std::string name_;
};

inline synthbench::Experiment toy_experiment(const std::string& name = "toy <intent>") {
  synthbench::ExperimentSpec<synthbench::IntentItem> spec;
  spec.name = name;
  for (int i = 0; i < 12; ++i) spec.real.items.push_back({(i % 3 ? "play track " : "book table ") + std::to_string(i), i % 3 ? "Play" : "Book"});
  spec.generators = {std::make_shared<ListGenerator>("strong"), std::make_shared<ListGenerator>("gen-b")};
  spec.solvers = {std::make_shared<MapSolver>("strong", 0), std::make_shared<MapSolver>("medium", 4),
                  std::make_shared<MapSolver>("weak", 2)};
  return synthbench::run_experiment(spec);
}

}  // namespace synthbench_test_support

#endif  // SYNTHBENCH_TESTS_UNIT_REPORT_TOY_EXPERIMENT_HPP
