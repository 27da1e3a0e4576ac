// The text of the word indexes and their queries; the dossier store on a database made by an
// older version: migration 5 turns the trigram index of version 3 into the word indexes,
// filled from the dossiers already there, and search finds those dossiers by name, address,
// passport and code. Real SQLite file.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "server/store/database.hpp"
#include "server/store/dossier_store.hpp"
#include "server/store/migrations.hpp"
#include "server/store/search_terms.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {
namespace {

TEST(search_terms, FoldedWordsThenPairsOfNeighbours) {
  EXPECT_EQ(store::search_terms("  Nguyễn Văn  An "), "nguyen van an nguyen_van van_an");
  EXPECT_EQ(store::search_terms("Đà Nẵng"), "da nang da_nang");
  EXPECT_EQ(store::search_terms("K12/5 Lê Duẩn"), "k12 5 le duan k12_5 5_le le_duan");
  EXPECT_EQ(store::search_terms("x_y \"z\""), "x y z x_y y_z");  // no word holds _ or "
  EXPECT_EQ(store::search_terms("An"), "an");
  EXPECT_EQ(store::search_terms(" -- "), "");
}

TEST(search_terms, QueriesArePhrasesOfPairsWithTheLastWordCutShort) {
  EXPECT_EQ(store::search_query("Nguyễn Văn A"), "\"nguyen_van van_a\" *");
  EXPECT_EQ(store::search_query("hồ"), "\"ho\" *");
  EXPECT_EQ(store::search_query("\"\" *"), std::nullopt);
}

// Two dossiers as version 3 wrote them: the row and its trigram entry (name and address).
void write_version_3(const std::string& path) {
  store::database db(path);
  store::migrate(db, 3);
  db.exec(R"sql(
INSERT INTO dossiers (code, day, sequence, request_key, procedure, version_from, status,
  received_at, due_at, step_started_at, full_name, id_number, passport, phone, address,
  documents, book_volume, book_line) VALUES
 ('000.00.00.H99-261125-0001', '2026-11-25', 1, 'a', 4, '2025-07-01', 'processing', 1000, 9000,
  1000, 'Phạm Thị Thu Hà', '048185000123', NULL, '0905123456', '7 Hùng Vương, Đà Nẵng', '', 1, 1),
 ('000.00.00.H99-261126-0001', '2026-11-26', 1, 'b', 4, '2025-07-01', 'received', 2000, 9000,
  2000, 'Kim Min Jun', NULL, 'M12345678', '0912345678', '3 Trần Phú, Đà Nẵng', '', 1, 2);
INSERT INTO dossier_search (rowid, folded) VALUES
 (1, 'pham thi thu ha 7 hung vuong, da nang'), (2, 'kim min jun 3 tran phu, da nang');
)sql");
}

std::set<std::string> codes_found(store::dossier_store& s, const std::string& text) {
  store::dossier_filter f;
  f.text = text;
  auto [rows, total] = s.search(f);
  EXPECT_EQ(total, static_cast<int>(rows.size()));
  std::set<std::string> out;
  for (const auto& d : rows) out.insert(d.code);
  return out;
}

TEST(dossier_store_test, MigrationFiveIndexesTheWordsOfDossiersAlreadyThere) {
  temp_dir dir;
  const std::string path = dir.file("old.db");
  write_version_3(path);

  store::database db(path);
  EXPECT_EQ(store::migrate(db), 16);
  EXPECT_FALSE(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'dossier_search'").step());
  store::dossier_store s(db);
  using codes = std::set<std::string>;
  const std::string ha = "000.00.00.H99-261125-0001", kim = "000.00.00.H99-261126-0001";
  EXPECT_EQ(codes_found(s, "pham thi thu h"), codes{ha});
  EXPECT_EQ(codes_found(s, "Phạm Thị Thu Hà"), codes{ha});
  EXPECT_EQ(codes_found(s, "hung vuong"), codes{ha});
  EXPECT_EQ(codes_found(s, "tran phu"), codes{kim});
  EXPECT_EQ(codes_found(s, "da nang"), (codes{ha, kim}));
  EXPECT_EQ(codes_found(s, "m12345678"), codes{kim});
  EXPECT_EQ(codes_found(s, "000.00.00.h99-2611"), (codes{ha, kim}));

  // Dossiers written after the migration are indexed the same way.
  using namespace std::string_literals;  // (GCC 12 warns, wrongly, on assigning short literals)
  store::dossier_record d;
  d.code = "000.00.00.H99-261127-0001"s;
  d.day = "2026-11-27"s;
  d.sequence = 1;
  d.request_key = "c"s;
  d.procedure = 4;
  d.version_from = "2025-07-01"s;
  d.applicant = {"Phạm Văn Hải", "048185000999",         std::nullopt,
                 "0905000111",   "9 Hải Phòng, Đà Nẵng", std::nullopt};
  d.book_volume = 1;
  d.book_line = 3;
  s.insert(d);
  EXPECT_EQ(codes_found(s, "pham"), (codes{ha, d.code}));
  EXPECT_EQ(codes_found(s, "hai phong"), codes{d.code});
}

}  // namespace
}  // namespace motcua::testing
