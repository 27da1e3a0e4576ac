// The text of the word indexes of dossier names and addresses (FTS5 tables
// `dossier_names` and `dossier_addresses`, tokenizer unicode61 with '_' as a
// word character), and the queries that search them.
//
// A row holds the accent-folded words (domain::fold), then each pair of
// neighbouring words joined by '_'. A phrase of several words is searched as
// the phrase of its pairs: a pair is rare ("van_an"), where the words alone
// are common ("nguyen" is in four names of ten), so the index reads little.
// Words are the runs of bytes other than ASCII spaces and punctuation, so no
// word holds '_' or '"'. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motcua::store {

// "Nguyễn Văn An" -> "nguyen van an nguyen_van van_an".
std::string search_terms(std::string_view text);

// An FTS5 query that finds the rows whose text has the words of `text` in a
// row, the last one perhaps cut short: "Nguyễn Văn A" -> "\"nguyen_van van_a\" *",
// "an" -> "\"an\" *". Nothing when `text` has no word.
std::optional<std::string> search_query(std::string_view text);

}  // namespace motcua::store
