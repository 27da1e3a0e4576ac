// Reading the configuration file: a JSON object with its path in the file,
// so that every error names the exact place ("config services[2].prefix: ...").
// Internal to server/config.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace motcua::config {

namespace json = boost::json;

// A JSON object and its path in the file, for error messages.
class node {
 public:
  node(const json::value& v, std::string path) : path_(std::move(path)) {
    if (!v.is_object()) fail("expected an object");
    object_ = &v.as_object();
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("config " + (path_.empty() ? std::string("(top)") : path_) + ": " +
                             what);
  }

  // The error of the value at `key` ("config backups.at: ...").
  [[noreturn]] void fail_at(const char* key, const std::string& what) const {
    throw std::runtime_error("config " + child(key) + ": " + what);
  }

  const json::value* find(const char* key) const { return object_->if_contains(key); }
  std::string child(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

  const json::value& need(const char* key) const {
    if (auto v = find(key)) return *v;
    throw std::runtime_error("config " + child(key) + ": required");
  }

  std::string text(const char* key) const {
    const auto& v = need(key);
    if (!v.is_string()) throw std::runtime_error("config " + child(key) + ": expected a string");
    return std::string(v.as_string());
  }

  void read(const char* key, std::string& out) const {
    if (find(key)) out = text(key);
  }

  template <class Number>
  void read(const char* key, Number& out, double min = 0) const {
    const auto* v = find(key);
    if (!v) return;
    if (!v->is_number()) throw std::runtime_error("config " + child(key) + ": expected a number");
    double d = v->to_number<double>();
    if (d < min)
      throw std::runtime_error("config " + child(key) + ": must be at least " +
                               std::to_string(static_cast<long long>(min)));
    out = static_cast<Number>(d);
  }

  // A whole number from `min` to `max`, when present.
  void read_count(const char* key, int& out, int min, int max) const {
    const auto* v = find(key);
    if (!v) return;
    if (!v->is_int64() || v->as_int64() < min || v->as_int64() > max)
      fail_at(key,
              "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    out = static_cast<int>(v->as_int64());
  }

  void read(const char* key, bool& out) const {
    const auto* v = find(key);
    if (!v) return;
    if (!v->is_bool())
      throw std::runtime_error("config " + child(key) + ": expected true or false");
    out = v->as_bool();
  }

  std::int64_t id(const char* key) const {
    const auto& v = need(key);
    if (!v.is_int64() || v.as_int64() <= 0)
      throw std::runtime_error("config " + child(key) + ": expected a positive integer");
    return v.as_int64();
  }

  // Calls f(node) for each object of the array at `key` (if present).
  template <class F>
  void each(const char* key, F f) const {
    const auto* v = find(key);
    if (!v) return;
    if (!v->is_array()) throw std::runtime_error("config " + child(key) + ": expected an array");
    std::size_t i = 0;
    for (const auto& item : v->as_array())
      f(node(item, child(key) + "[" + std::to_string(i++) + "]"), item);
  }

 private:
  std::string path_;
  const json::object* object_ = nullptr;
};

}  // namespace motcua::config
