# Debian's hardening flags (what dpkg-buildflags gives a package build): stack protector, fortified
# libc calls in optimized builds, full RELRO with immediate binding. Off under the sanitizers,
# which do their own checking.
option(PVIEW_HARDEN "Build with Debian's hardening flags" ON)
if(PVIEW_HARDEN AND NOT PVIEW_SANITIZE)
  add_compile_options(-fstack-protector-strong)
  add_compile_definitions(
    $<$<OR:$<CONFIG:Release>,$<CONFIG:RelWithDebInfo>,$<CONFIG:MinSizeRel>>:_FORTIFY_SOURCE=2>)
  add_link_options(-Wl,-z,relro -Wl,-z,now)
endif()
