// libFuzzer target: arbitrary bytes as the stored text fields of a dossier (as an old row or a
// restored backup may hold them) drawn by the form renderer (Form 01 and the control sheet, as
// PDF or as PNG) and by the public status page. Neither may throw or crash on any bytes.
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include "server/docs/pdf.hpp"
#include "server/web/status_page.hpp"

namespace {

using namespace motcua;

docs::time_point at(int minutes) {
  return docs::time_point{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27}} +
         std::chrono::minutes(minutes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  auto text = [&] { return in.ConsumeRandomLengthString(300); };
  const bool png = in.ConsumeBool();
  const auto out = png ? docs::output::png_first_page : docs::output::pdf;
  const domain::business_zone zone;

  docs::form01 receipt;
  receipt.unit = {text(), text(), text()};
  receipt.dossier_code = text();
  receipt.who = {text(), text(), text(), text(), text()};
  receipt.procedure = text();
  receipt.documents = {{text(), true, 1}, {text(), false, 2}};
  receipt.legal_time = text();
  receipt.received_at = at(0);
  receipt.due_at = at(60 * 24 * 10);
  receipt.result_place = text();
  receipt.fee = text();
  receipt.clerk = text();
  receipt.lookup_url = "https://motcua.example/tra-cuu/" + receipt.dossier_code;

  docs::control_sheet sheet{receipt.unit,
                            receipt.dossier_code,
                            receipt.who,
                            receipt.procedure,
                            receipt.received_at,
                            receipt.due_at,
                            {{text(), text(), at(30), docs::step_result::late, text()},
                             {text(), text(), at(90), std::nullopt, text()}}};

  web::public_dossier page{receipt.dossier_code,
                           receipt.procedure,
                           text(),
                           text(),
                           receipt.received_at,
                           receipt.due_at,
                           in.ConsumeBool(),
                           std::nullopt,
                           {{text(), at(30)}, {text(), at(90)}}};

  // An exception or a crash here is a finding: the server must render any stored bytes.
  docs::render(receipt, docs::form_set::y2025, zone, out);
  docs::render(sheet, docs::form_set::y2018, zone, out);
  web::render_status_page(page, domain::lang::vi, zone);
  web::render_status_page(page, domain::lang::en, zone);
  return 0;
}
