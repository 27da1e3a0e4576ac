// The limits of the wire contract `motcua.v1` that every client must keep within
// (docs/protocol.md "Limits"), in one place: the server enforces them from here and the clients
// keep within them from here. The rates and connection caps are configuration
// (config::limits); the lengths of free text are the text policy's (domain/text_policy.hpp).
#pragma once

#include <cstddef>

namespace motcua::protocol {

// One WebSocket text frame; past it the server closes the connection with 1009.
inline constexpr std::size_t max_frame_bytes = 64 * 1024;

// One HTTP request: its header block (past it 431) and its body (past it 413).
inline constexpr std::size_t max_http_header_bytes = 8 * 1024;
inline constexpr std::size_t max_http_body_bytes = 8 * 1024;

// `request_key` of take_ticket and register_dossier, in bytes.
inline constexpr std::size_t max_request_key_size = 128;

// search_dossiers `limit`: when none is given, and the most one page holds.
inline constexpr int default_search_page = 50;
inline constexpr int max_search_page = 200;

// The snapshot's `recent_calls`, newest first.
inline constexpr std::size_t max_recent_calls = 10;
// Patterns in a hello's `topics` (protocol/topics.hpp).
inline constexpr std::size_t max_topics = 64;

// The tracking book (HTTP form): days from `from` to `to`, both included.
inline constexpr int max_tracking_book_days = 93;

}  // namespace motcua::protocol
