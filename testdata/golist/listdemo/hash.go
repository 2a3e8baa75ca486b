package main

// checksum is hot: most CPU samples land on its loop lines.
func checksum(b []byte) int {
	h := 0
	for i := 0; i < len(b); i++ {
		h = mix(h, int(b[i]))
		if h > 1<<40 {
			h = fold(h)
		}
	}
	return h
}

// mix and fold are small enough for the compiler to inline into checksum.
func mix(h, c int) int {
	h ^= c
	h *= 16777619
	return h & 0xffffffffff
}

func fold(h int) int {
	return h>>20 ^ h&0xfffff
}

func collatz(n uint64) uint64 {
	steps := uint64(0)
	for k := 0; k < 12000; k++ {
		m := n + uint64(k)
		for m != 1 {
			if m%2 == 0 {
				m /= 2
			} else {
				m = 3*m + 1
			}
			steps++
		}
	}
	return steps
}
