//===- runtime/lib/multiprocessing/Messages.h - messages between processes ---===//
//
// What Pipe and Queue share: a message on a byte stream is its length (u32,
// big-endian, as Python's connection module frames it), its run-wide id
// (u32) and the serialized value. The id is recorded on both sides
// (message-send, message-recv), which is how a trace of several processes
// links a send to its receive (happens-before across processes).
//
// Blocking on the OS (a read, a poll) lets the Monitor see this process's
// events first, as the kernel's park does.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_MP_MESSAGES_H
#define WEFT_RUNTIME_MP_MESSAGES_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weft::mp_impl {

/// A new run-wide message id (never 0).
uint32_t nextMessageId();

/// Writes one message. 0, or the errno that stopped it.
int writeMessage(int Fd, uint32_t Id, std::string_view Payload);
enum class ReadResult { Ok, Eof, Error };
/// Reads one message (blocking). Eof: the stream ended before a message
/// began; a stream that ends inside one is an Error (EIO).
ReadResult readMessage(int Fd, uint32_t &Id, std::string &Payload, int &Err);

/// Waits until \p Fd is readable (or at its end) or \p DeadlineNs (kernel
/// clock) has passed; true if readable. Lets the Monitor see this
/// process's events before it blocks.
bool waitReadable(int Fd, std::optional<int64_t> DeadlineNs);

/// "[Errno N] text", as Python's OSError prints.
std::string errnoText(int Err);

} // namespace weft::mp_impl

#endif
