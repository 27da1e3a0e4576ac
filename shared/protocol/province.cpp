#include "shared/protocol/province.hpp"

#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <exception>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>

#include "shared/protocol/json_text.hpp"

namespace motcua::protocol::province {

namespace json = boost::json;

namespace {

// ---------------------------------------------------------------- kinds

template <class T>
struct kind_name {
  std::string_view name;
};

// The wire names of record_body's alternatives, by index; a table that misses a type or has
// them out of order fails to build.
template <class... T>
constexpr std::array<std::string_view, sizeof...(T)> names_of(std::tuple<kind_name<T>...> table) {
  static_assert(std::is_same_v<record_body, std::variant<T...>>,
                "name every alternative of record_body, in its order");
  return std::apply([](auto... n) { return std::array{n.name...}; }, table);
}

constexpr auto kinds = names_of(std::tuple{
    kind_name<ticket_row>{"ticket"},
    kind_name<dossier_row>{"dossier"},
    kind_name<history_row>{"history"},
    kind_name<rating_row>{"rating"},
    kind_name<service_row>{"service"},
});

// ---------------------------------------------------------------- fields
//
// One description per row, shared by the writer and the reader: io(key, member). Optional
// members are left out when empty and read as empty when missing or null.

template <class X, class T>
concept either = std::same_as<std::remove_const_t<X>, T>;

void map_fields(auto& io, either<ticket_row> auto& r) {
  io("id", r.id);
  io("day", r.day);
  io("number", r.number);
  io("service", r.service);
  io("state", r.state);
  io("priority", r.priority);
  io("issued_at", r.issued_at);
  io("called_at", r.called_at);
  io("started_at", r.started_at);
  io("ended_at", r.ended_at);
  io("counter", r.counter);
  io("eta_minutes", r.eta_minutes);
}

void map_fields(auto& io, either<dossier_row> auto& r) {
  io("code", r.code);
  io("unit", r.unit);
  io("procedure_code", r.procedure_code);
  io("procedure_name", r.procedure_name);
  io("procedure_name_en", r.procedure_name_en);
  io("status", r.status);
  io("received_at", r.received_at);
  io("due_at", r.due_at);
  io("original_due_at", r.original_due_at);
  io("finished_at", r.finished_at);
  io("department", r.department);
  io("full_name", r.full_name);
  io("id_number", r.id_number);
  io("passport", r.passport);
}

void map_fields(auto& io, either<history_row> auto& r) {
  io("id", r.id);
  io("code", r.code);
  io("unit", r.unit);
  io("at", r.at);
  io("actor", r.actor);
  io("action", r.action);
  io("from", r.from);
  io("to", r.to);
  io("note", r.note);
  io("result", r.result);
}

void map_fields(auto& io, either<rating_row> auto& r) {
  io("id", r.id);
  io("at", r.at);
  io("day", r.day);
  io("counter", r.counter);
  io("level", r.level);
  io("scale", r.scale);
  io("ticket", r.ticket);
  io("dossier", r.dossier);
}

void map_fields(auto& io, either<service_row> auto& r) {
  io("id", r.id);
  io("name", r.name);
  io("name_en", r.name_en);
  io("max_wait_minutes", r.max_wait_minutes);
}

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

json::string_view as_json(std::string_view s) { return {s.data(), s.size()}; }

// ---------------------------------------------------------------- encoding

void write_json(json_text& out, const std::string& s) { out.string(s); }
void write_json(json_text& out, std::integral auto n) { out.integer(static_cast<std::int64_t>(n)); }

class writer {
 public:
  explicit writer(json_text& out) : out_(out) {}

  template <class T>
  void operator()(std::string_view key, const T& v) {
    if constexpr (is_optional<T>::value) {
      if (!v) return;
      out_.key(key);
      write_json(out_, *v);
    } else {
      out_.key(key);
      write_json(out_, v);
    }
  }

 private:
  json_text& out_;
};

void write_body(json_text& out, const record_body& body) {
  out.begin_object();
  std::visit(
      [&](const auto& row) {
        writer w(out);
        map_fields(w, row);
      },
      body);
  out.end_object();
}

// ---------------------------------------------------------------- decoding

// A decoding problem at `path`; thrown inside this file only, caught by every public decoder.
struct decode_error {
  std::string path;
  std::string what;
};

[[noreturn]] void fail(std::string path, std::string what) {
  throw decode_error{std::move(path), std::move(what)};
}

std::string message(const decode_error& e) {
  return e.path.empty() ? e.what : e.path + ": " + e.what;
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string_view describe(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "an integer";
    case json::kind::double_:
      return "a decimal number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "?";
}

// "expected an integer, got a string"
void require(const std::string& path, const json::value& v, bool ok, std::string_view want) {
  if (!ok) fail(path, "expected " + std::string(want) + ", got " + std::string(describe(v)));
}

// A JSON integer within [lo, hi], never a double (even 3.0). A literal beyond int64 is out of
// range (Boost.JSON makes it a uint64, or a double when it is beyond that too).
std::int64_t read_integer(const json::value& v, const std::string& path, std::int64_t lo,
                          std::int64_t hi) {
  constexpr double two_to_63 = 9223372036854775808.0;
  if (v.is_uint64() || (v.is_double() && !(std::fabs(v.get_double()) < two_to_63)))
    fail(path, "out of range");
  require(path, v, v.is_int64(), "an integer");
  std::int64_t n = v.get_int64();
  if (n < lo || n > hi) fail(path, "out of range");
  return n;
}

void read(const json::value& v, const std::string& path, std::string& out) {
  require(path, v, v.is_string(), "a string");
  out.assign(v.get_string().data(), v.get_string().size());
}

template <std::integral T>
void read(const json::value& v, const std::string& path, T& out) {
  out = static_cast<T>(
      read_integer(v, path, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

const json::object& read_object(const json::value& v, const std::string& path) {
  require(path, v, v.is_object(), "an object");
  return v.get_object();
}

// A JSON object being decoded, with the path that names it in messages. Missing and null are
// the same: absent. Keys the description does not name are ignored.
class reader {
 public:
  reader(const json::value& v, std::string path)
      : obj_(read_object(v, path)), path_(std::move(path)) {}

  const json::value* find(std::string_view key) const {
    const json::value* v = obj_.if_contains(as_json(key));
    return v && !v->is_null() ? v : nullptr;
  }

  const json::value& value(std::string_view key) const {
    if (const json::value* v = find(key)) return *v;
    fail(join(path_, key), "missing");
  }

  template <class T>
  void operator()(std::string_view key, T& out) const {
    const json::value* v = find(key);
    if constexpr (is_optional<T>::value) {
      if (v)
        read(*v, join(path_, key), out.emplace());
      else
        out.reset();
    } else {
      if (!v) fail(join(path_, key), "missing");
      read(*v, join(path_, key), out);
    }
  }

  template <class T>
  T get(std::string_view key) const {
    T out{};
    (*this)(key, out);
    return out;
  }

 private:
  const json::object& obj_;
  std::string path_;
};

std::size_t kind_index(std::string_view kind, const std::string& path) {
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i] == kind) return i;
  fail(path, "unknown '" + std::string(kind) + "'");
}

// The row of kind number `index`, read from `v` (an object named `path`).
record_body read_body(std::size_t index, const json::value& v, const std::string& path) {
  const reader fields(v, path);
  record_body out;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((index == I ? (void)out.emplace<I>() : void()), ...);
  }
  (std::make_index_sequence<std::variant_size_v<record_body>>{});
  std::visit([&](auto& row) { map_fields(fields, row); }, out);
  return out;
}

// The whole text as one JSON value (strict JSON, depth at most 32).
json::value parse(std::string_view text, const std::string& path) {
  json::parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (ec) fail(path, "malformed JSON: " + ec.message() + " at offset " + std::to_string(consumed));
  return parser.release();
}

// Runs `decode`, turning any failure into its message.
template <class T>
std::variant<T, std::string> guarded(auto decode) {
  try {
    return decode();
  } catch (const decode_error& e) {
    return message(e);
  } catch (const std::exception& e) {
    return std::string("could not decode: ") + e.what();
  }
}

}  // namespace

std::string_view kind_of(const record_body& body) { return kinds[body.index()]; }

std::string encode_body(const record_body& body) {
  json_text out;
  write_body(out, body);
  return out.take();
}

std::variant<record_body, std::string> decode_body(std::string_view kind, std::string_view text) {
  return guarded<record_body>([&] {
    std::size_t index = kind_index(kind, "kind");
    std::string path(kind);
    return read_body(index, parse(text, path), path);
  });
}

std::string encode(const push& p) {
  json_text o;
  o.begin_object();
  writer fields(o);
  fields("unit", p.unit);
  fields("after", p.after);
  o.key("records");
  o.begin_array();
  for (const record& r : p.records) {
    o.begin_object();
    fields("seq", r.seq);
    fields("at", r.at);
    o.key("kind");
    o.string(kind_of(r.body));
    o.key("data");
    write_body(o, r.body);
    o.end_object();
  }
  o.end_array();
  o.end_object();
  return o.take();
}

std::variant<push, std::string> decode_push(std::string_view text) {
  return guarded<push>([&] {
    json::value body = parse(text, "");
    const reader top(body, "");
    push out;
    top("unit", out.unit);
    top("after", out.after);
    if (out.after && *out.after < 0) fail("after", "must not be negative");
    const json::value& records = top.value("records");
    require("records", records, records.is_array(), "an array");
    const json::array& list = records.get_array();
    out.records.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      std::string path = "records[" + std::to_string(i) + "]";
      const reader in(list[i], path);
      record& r = out.records.emplace_back();
      in("seq", r.seq);
      if (r.seq < 1) fail(path + ".seq", "must be at least 1");
      if (i > 0 && r.seq <= out.records[i - 1].seq) fail(path + ".seq", "not after the previous");
      in("at", r.at);
      std::size_t index = kind_index(in.get<std::string>("kind"), path + ".kind");
      r.body = read_body(index, in.value("data"), path + ".data");
    }
    return out;
  });
}

std::string encode(const push_ack& a) {
  json_text o;
  o.begin_object();
  writer{o}("applied_through", a.applied_through);
  o.end_object();
  return o.take();
}

std::variant<push_ack, std::string> decode_push_ack(std::string_view text) {
  return guarded<push_ack>([&] {
    json::value body = parse(text, "");
    push_ack out;
    reader(body, "")("applied_through", out.applied_through);
    if (out.applied_through < 0) fail("applied_through", "must not be negative");
    return out;
  });
}

}  // namespace motcua::protocol::province
