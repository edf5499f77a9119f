#pragma once

// Whether this test binary runs under AddressSanitizer (GCC defines __SANITIZE_ADDRESS__, Clang
// answers __has_feature): time limits are several times longer there.

namespace qcrawl::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool UnderSanitizer = true;
#elif defined(__has_feature)
#    if __has_feature(address_sanitizer)
inline constexpr bool UnderSanitizer = true;
#    else
inline constexpr bool UnderSanitizer = false;
#    endif
#else
inline constexpr bool UnderSanitizer = false;
#endif

} // namespace qcrawl::test
