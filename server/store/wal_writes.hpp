// A SQLite VFS over the system's default one that gathers a transaction's writes to the WAL and
// hands them to the kernel in one pwritev when SQLite syncs (or reads, sizes, truncates or
// closes) the file: a commit of five pages is one system call instead of ten (SQLite writes
// each frame's 24-byte header and its page apart). Every other file, and every other call, goes
// to the default VFS unchanged.
//
// Safe only where every commit syncs the WAL (synchronous=FULL, durability::full): that sync
// is what empties the buffer before SQLite tells other connections that the frames exist.
#pragma once

namespace motcua::store {

// Registers the VFS once (not as the default) and returns its name for sqlite3_open_v2.
const char* wal_gathering_vfs();

}  // namespace motcua::store
