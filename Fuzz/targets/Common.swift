// Shared by every fuzz target (compiled into each one): the input as bytes, and the
// split of one input into two documents at the first NUL byte.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

func splitAtNUL(_ bytes: [UInt8]) -> ([UInt8], [UInt8]) {
    guard let cut = bytes.firstIndex(of: 0) else { return (bytes, []) }
    return (Array(bytes[..<cut]), Array(bytes[(cut + 1)...]))
}
