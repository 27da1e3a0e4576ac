// What the display board says when a ticket is called, written for a speech synthesiser.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace motcua::devices {

// The ticket number as it should be read aloud: letters as they are (espeak-ng's Vietnamese
// voice names them: A "a", B "bê", C "xê", D "dê"), then a comma (a short pause), then each digit
// as a word, so that "A012" is said "A, không một hai" and not "a không mười hai" (what
// espeak-ng makes of the digits "012"). English: "A, zero one two". Other characters are left
// out.
std::string spoken_number(std::string_view number, bool english);

// "Mời công dân có số thứ tự A, không một hai, đến quầy số 3" (English: "Ticket number A, zero
// one two, please go to counter 3"). The counter number stays in digits: espeak-ng reads
// whole numbers well ("3" "ba", "12" "mười hai").
std::string call_sentence(std::string_view number, int counter_number, bool english);

}  // namespace motcua::devices
