package parser

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the memory of s with huge pages
// (where transparent huge pages are enabled for madvise, as is common).
// Scoring probes the weight tables, tens of megabytes, at random: with
// 4 KiB pages nearly every probe also misses the TLB. It must be called
// before s is first written, while its pages are not yet mapped; advice
// the kernel rejects is harmless, so its error is ignored.
func adviseHuge[T any](s []T) {
	if len(s) == 0 {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), uintptr(len(s))*unsafe.Sizeof(s[0]))
	const huge = 2 << 20
	base := uintptr(unsafe.Pointer(&b[0]))
	beg := (base + huge - 1) &^ (huge - 1)        // first huge page boundary in s
	end := (base + uintptr(len(b))) &^ (huge - 1) // last one
	if beg >= end {
		return // s holds no whole huge page
	}
	syscall.Madvise(b[beg-base:end-base], syscall.MADV_HUGEPAGE)
}
