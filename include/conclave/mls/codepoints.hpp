#pragma once

/// @file
/// The code points draft-ietf-mls-extensions suggests for the types it adds,
/// as macros so that a build can map them to the values another stack uses
/// (spec-notes/extensions.md "Code points"): define the macro for the build
/// of the library and of everything that includes its headers, for example
/// `-DCONCLAVE_PROPOSAL_SELF_REMOVE=0xF003`. Each must stay distinct from the
/// RFC 9420 values of its registry.

#ifndef CONCLAVE_PROPOSAL_APP_DATA_UPDATE
/// ProposalType::app_data_update on the wire.
#define CONCLAVE_PROPOSAL_APP_DATA_UPDATE 0x0008
#endif
#ifndef CONCLAVE_PROPOSAL_APP_EPHEMERAL
/// ProposalType::app_ephemeral on the wire.
#define CONCLAVE_PROPOSAL_APP_EPHEMERAL 0x0009
#endif
#ifndef CONCLAVE_PROPOSAL_SELF_REMOVE
/// ProposalType::self_remove on the wire.
#define CONCLAVE_PROPOSAL_SELF_REMOVE 0x000a
#endif
#ifndef CONCLAVE_EXTENSION_APP_DATA_DICTIONARY
/// ExtensionType::app_data_dictionary on the wire.
#define CONCLAVE_EXTENSION_APP_DATA_DICTIONARY 0x0006
#endif
#ifndef CONCLAVE_EXTENSION_SUPPORTED_WIRE_FORMATS
/// ExtensionType::supported_wire_formats on the wire.
#define CONCLAVE_EXTENSION_SUPPORTED_WIRE_FORMATS 0x0007
#endif
#ifndef CONCLAVE_EXTENSION_REQUIRED_WIRE_FORMATS
/// ExtensionType::required_wire_formats on the wire.
#define CONCLAVE_EXTENSION_REQUIRED_WIRE_FORMATS 0x0008
#endif
