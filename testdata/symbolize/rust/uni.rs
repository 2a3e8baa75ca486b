// pview fixture: non-ASCII identifiers (Rust v0 mangles them with punycode).
#[inline(never)] fn gödel(x: u64) -> u64 { x * 3 + 1 }
#[inline(never)] fn 東京(x: u64) -> u64 { x ^ 7 }
mod ñandú { #[inline(never)] pub fn café<T: Copy>(x: T) -> T { x } }
fn main() { println!("{} {} {}", gödel(std::env::args().count() as u64), 東京(3), ñandú::café(2u8)); }
