// Nothing escapes an HTTP handler (server/transport/http_session.hpp): a request whose handling
// throws is answered — 500 with the `internal` JSON error, or the document once the renderers cope
// with whatever is stored — and the server stays up for everyone; malformed requests get clear JSON
// errors.
#include <sqlite3.h>

#include <boost/json.hpp>

#include "tests/integration/sample_dossier.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"
#include "tests/support/raw_http.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

class http_failure_test : public server_test {
 protected:
  http_response get(const std::string& target, const std::string& bearer = "") {
    return http_get(server().host(), server().port(), target, bearer);
  }
  void expect_up() {
    EXPECT_EQ(get("/healthz").status, 200);
    expect_serves_new_clients();
  }
};

// Writes `name` as the stored applicant's name of dossier `code` in the database at `path` (the
// server stopped): bytes no clerk could type today, as an old row or a restored backup may hold.
void store_name(const std::string& path, const std::string& code, const std::string& name) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* update = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE dossiers SET full_name = ? WHERE code = ?", -1, &update,
                               nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_bind_text(update, 1, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(update, 2, code.data(), static_cast<int>(code.size()), SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(update), SQLITE_DONE) << sqlite3_errmsg(db);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_finalize(update);
  sqlite3_close(db);
}

TEST_F(http_failure_test, AFormThatCannotBeDrawnIsAnsweredAndTheServerStaysUp) {
  // Not UTF-8, a non-character (U+FFFF), an encoded surrogate (U+D800).
  const std::vector<std::string> names{"L\xff\xfe", "Lan \xef\xbf\xbf", "\xed\xa0\x80"};
  std::vector<std::string> codes;
  {
    auto clerk = connect();
    hello_staff(*clerk, "clerk1");
    for (std::size_t i = 0; i < names.size(); ++i)
      codes.push_back(register_sample(*clerk, "stored-" + std::to_string(i)));
  }
  stop();
  for (std::size_t i = 0; i < names.size(); ++i) store_name(db_, codes[i], names[i]);
  start();

  auto clerk = connect();
  const auto token = hello_staff(*clerk, "clerk1").session_token.value();
  std::vector<std::string> targets{"/api/v1/tracking-book.pdf"};
  for (const auto& code : codes)
    for (const char* form : {"01.pdf", "01.png", "06.pdf"})
      targets.push_back("/api/v1/dossiers/" + code + "/forms/" + form);
  int failures = 0;
  for (const auto& target : targets) {
    SCOPED_TRACE(target);
    const auto r = get(target, token);
    EXPECT_TRUE(r.status == 200 || r.status == 500) << r.status << " " << r.body;
    if (r.status == 500) {
      ++failures;
      EXPECT_EQ(r.content_type, "application/json");
      const auto error = json::parse(r.body).at("error");
      EXPECT_EQ(error.at("code").as_string(), "internal");
      EXPECT_FALSE(error.at("message").as_string().empty());
      EXPECT_FALSE(error.at("message_en").as_string().empty());
    }
    EXPECT_EQ(get("/healthz").status, 200);
  }
  // Counted by the session's guard (a renderer's own catch may answer 500 before it sees one).
  const auto figures = get("/metrics").body;
  const std::string metric = "\nmotcua_http_failures_total ";
  const auto at = figures.find(metric);
  ASSERT_NE(at, std::string::npos) << figures;
  EXPECT_LE(std::stoi(figures.substr(at + metric.size())), failures);
  expect_up();
}

TEST_F(http_failure_test, MalformedRequestsGetClearJsonErrorsAndTheServerStaysUp) {
  struct bad_request {
    std::string what;
    std::string bytes;
    unsigned status;
    std::string code;
  };
  const std::string end = " HTTP/1.1\r\nHost: motcua\r\n\r\n";
  const std::vector<bad_request> cases{
      {"a 10 KB target", "GET /" + std::string(10000, 'a') + end, 431, "bad_request"},
      {"a 10 KB header",
       "GET / HTTP/1.1\r\nHost: motcua\r\nX-Big: " + std::string(10000, 'b') + "\r\n\r\n", 431,
       "bad_request"},
      {"a body over the limit",
       "POST /api/v1/services HTTP/1.1\r\nHost: motcua\r\nContent-Length: 100000\r\n\r\n", 413,
       "bad_request"},
      {"a broken chunked body",
       "POST /api/v1/services HTTP/1.1\r\nHost: motcua\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
       400, "bad_request"},
      {"an unknown method", "BREW /healthz" + end, 405, "bad_request"},
      {"a method that is no word", "G(T /healthz" + end, 400, "bad_request"},
      {"no HTTP at all", std::string("\x01\x02\x03 \xff\r\n\r\n"), 400, "bad_request"},
      {"a NUL in the target", std::string("GET /a\0b", 8) + end, 400, "bad_request"},
      {"an absurd dossier code", "GET /api/v1/dossiers/%00%ff%2e%2e%2f..%2F" + end, 404,
       "not_found"},
      {"a path out of the root", "GET ../../etc/passwd" + end, 404, "not_found"},
      {"an absolute target", "GET http://elsewhere.example/metrics" + end, 404, "not_found"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto a = http_exchange(server(), c.bytes);
    EXPECT_EQ(a.result_int(), c.status) << a.body();
    EXPECT_EQ(a[boost::beast::http::field::content_type], "application/json");
    const auto error = json::parse(a.body()).at("error");
    EXPECT_EQ(error.at("code").as_string(), c.code);
    EXPECT_FALSE(error.at("message").as_string().empty());
    EXPECT_FALSE(error.at("message_en").as_string().empty());
    EXPECT_EQ(get("/healthz").status, 200);
  }
  expect_up();
}

}  // namespace
}  // namespace motcua::testing
