# The code points of draft-ietf-mls-extensions (include/conclave/mls/codepoints.hpp),
# mappable per build: each cache variable left empty keeps the draft's
# suggested value; set, it becomes a PUBLIC compile definition of the
# libraries (so their consumers, through find_package or pkg-config, see the
# same value). For example, SelfRemove at mls-rs's private-use value:
#   cmake -DCONCLAVE_PROPOSAL_SELF_REMOVE=0xF003 ...
# spec-notes/extensions.md, "Code points".
set(conclave_codepoint_names
  CONCLAVE_PROPOSAL_APP_DATA_UPDATE CONCLAVE_PROPOSAL_APP_EPHEMERAL CONCLAVE_PROPOSAL_SELF_REMOVE
  CONCLAVE_EXTENSION_APP_DATA_DICTIONARY CONCLAVE_EXTENSION_SUPPORTED_WIRE_FORMATS
  CONCLAVE_EXTENSION_REQUIRED_WIRE_FORMATS)
set(conclave_codepoint_definitions)
foreach(name IN LISTS conclave_codepoint_names)
  set(${name} "" CACHE STRING "draft-ietf-mls-extensions code point (empty: the draft's suggested value)")
  if("${${name}}" STREQUAL "")
    continue()
  endif()
  # A uint16 code point, in decimal or 0x hexadecimal.
  if(NOT "${${name}}" MATCHES "^(0[xX][0-9a-fA-F]+|[0-9]+)$")
    message(FATAL_ERROR "${name}=${${name}} is not a code point (decimal or 0x hexadecimal)")
  endif()
  math(EXPR value "${${name}}")
  if(value GREATER 65535)
    message(FATAL_ERROR "${name}=${${name}} does not fit in 16 bits")
  endif()
  list(APPEND conclave_codepoint_definitions "${name}=${${name}}")
endforeach()
# For conclave.pc's Cflags.
list(TRANSFORM conclave_codepoint_definitions PREPEND "-D" OUTPUT_VARIABLE conclave_pc_definitions)
list(JOIN conclave_pc_definitions " " conclave_pc_definitions)
