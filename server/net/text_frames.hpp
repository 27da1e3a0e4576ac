// A stream layer under the WebSocket stream that hands text frames to Beast as binary ones, so
// that the session gets the bytes of a text frame that is not valid UTF-8 and can answer
// `bad_request` (docs/protocol.md "Transport": a malformed frame gets a reply, the connection stays
// open).
//
// Why: Beast checks the UTF-8 of every text frame it reads and fails the connection (close
// 1007) when it is not; it has no option to skip the check (boostorg/beast#1991). Binary frames
// are not checked. So this layer reads the client's frame headers as the bytes go by (2 to 14
// bytes each, the payload skipped by its length, masking untouched), rewrites the opcode 1
// (text) of each message's first frame to 2 (binary), and remembers, per message, whether it
// was text. The session asks `was_text()` once per message Beast hands it, in order, and
// checks the UTF-8 itself. Reads of control frames pass through unchanged.
//
// Writes go one at a time, each written whole before the next begins, whoever asks: Beast (the
// handshake, its control frames: ping, pong, close) or the session, which writes its messages
// as ready-made frames, many in one gathered write (engine/frame.hpp), straight to this layer.
// A write asked for while another is in flight waits its turn, so frames never interleave.
//
// Any next layer works (a TCP stream, a TLS stream on top of one).
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include <boost/asio/compose.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket/teardown.hpp>

namespace motcua::net {

// The parser of the client's frame headers.
class frame_headers {
 public:
  // Looks at the next `size` bytes read from the client; turns text opcodes into binary.
  void scan(unsigned char* bytes, std::size_t size);
  // Whether the oldest message not asked about yet was sent as text (false: binary).
  bool was_text();

 private:
  std::array<unsigned char, 14> header_{};  // the header read so far
  std::size_t have_ = 0;
  std::uint64_t payload_left_ = 0;  // bytes of the current frame's payload still to come
  std::deque<bool> messages_;       // per message begun: sent as text
};

template <class NextLayer>
class text_frames {
 public:
  using executor_type = typename NextLayer::executor_type;

  template <class... Args>
  requires std::constructible_from<NextLayer, Args...>
  explicit text_frames(Args&&... args) : next_(std::forward<Args>(args)...) {}

  executor_type get_executor() noexcept { return next_.get_executor(); }
  NextLayer& next_layer() noexcept { return next_; }
  const NextLayer& next_layer() const noexcept { return next_; }
  bool was_text() { return headers_.was_text(); }

  template <class MutableBuffers, class Token>
  auto async_read_some(const MutableBuffers& buffers, Token&& token) {
    return boost::asio::async_compose<Token, void(boost::beast::error_code, std::size_t)>(
        read_op<MutableBuffers>{*this, buffers}, token, next_);
  }

  // Writes all of `buffers` (not just some), after the writes asked for before it.
  template <class ConstBuffers, class Token>
  auto async_write_some(const ConstBuffers& buffers, Token&& token) {
    return boost::asio::async_compose<Token, void(boost::beast::error_code, std::size_t)>(
        write_op<ConstBuffers>{*this, buffers}, token, next_);
  }

 private:
  // A write waiting for its turn.
  struct waiting_write {
    virtual ~waiting_write() = default;
    virtual void start() = 0;
  };
  template <class Self>
  struct waiting : waiting_write {
    explicit waiting(Self&& s) : self(std::move(s)) {}
    void start() override { self(); }
    Self self;
  };

  template <class ConstBuffers>
  struct write_op {
    text_frames& stream;
    ConstBuffers buffers;
    bool started = false;

    template <class Self>
    void operator()(Self& self, boost::beast::error_code ec = {}, std::size_t size = 0) {
      if (!started) {
        if (stream.writing_) {
          stream.waiting_.push_back(std::make_unique<waiting<Self>>(std::move(self)));
          return;
        }
        started = stream.writing_ = true;
        return boost::asio::async_write(stream.next_, buffers, std::move(self));
      }
      stream.writing_ = false;
      if (!stream.waiting_.empty()) {  // the next one's turn (on error too: it fails and ends)
        auto next = std::move(stream.waiting_.front());
        stream.waiting_.erase(stream.waiting_.begin());
        next->start();
      }
      self.complete(ec, size);
    }
  };

  template <class MutableBuffers>
  struct read_op {
    text_frames& stream;
    MutableBuffers buffers;
    bool started = false;

    template <class Self>
    void operator()(Self& self, boost::beast::error_code ec = {}, std::size_t size = 0) {
      if (!started) {
        started = true;
        return stream.next_.async_read_some(buffers, std::move(self));
      }
      for (auto b : boost::beast::buffers_prefix(size, buffers))
        stream.headers_.scan(static_cast<unsigned char*>(b.data()), b.size());
      self.complete(ec, size);
    }
  };

  NextLayer next_;
  frame_headers headers_;
  bool writing_ = false;
  std::vector<std::unique_ptr<waiting_write>> waiting_;  // two at most: Beast's and the session's
};

// Closing the WebSocket tears down the layer below.
template <class NextLayer, class Handler>
void async_teardown(boost::beast::role_type role, text_frames<NextLayer>& stream,
                    Handler&& handler) {
  using boost::beast::websocket::async_teardown;
  async_teardown(role, stream.next_layer(), std::forward<Handler>(handler));
}

}  // namespace motcua::net
