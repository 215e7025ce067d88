#if canImport(Glibc)
import Glibc
#endif

/// Process-wide malloc settings for a program that moves large buffers between threads.
///
/// glibc raises its mmap threshold after the first large buffer is freed, after which 16 MiB upload
/// parts come from per-thread heap arenas that keep freed memory: peak RSS grew to 2-3 times the
/// parts in flight. A fixed 1 MiB threshold keeps every large buffer in its own mapping, returned to the
/// system when freed. (`mallopt` is looked up at run time: Swift's Glibc module does not export it.)
enum MemoryTuning {
    static func apply() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 1 << 20)
        #endif
    }
}
