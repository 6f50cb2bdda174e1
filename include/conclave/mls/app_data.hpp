#pragma once

/// @file
/// draft-ietf-mls-extensions "Attaching Application Data to MLS Messages",
/// "Updating Application Data in the GroupContext" and "Safe Additional
/// Authenticated Data": reading and checking an app_data_dictionary, making
/// AppDataUpdate proposals, and building and reading safe AAD.

#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/proposal.hpp"

namespace conclave::mls {

/// "Attaching Application Data to MLS Messages": the entries of a
/// dictionary are sorted by component_id, at most one per component.
/// @param dictionary the dictionary to check.
/// @errors `Errc::invalid_value` for entries out of order or a component
/// named twice.
Status check_app_data_dictionary(const AppDataDictionary& dictionary);

/// The app_data_dictionary extension of a list (a GroupContext's, a leaf's,
/// a KeyPackage's or a GroupInfo's), parsed and checked.
/// @param extensions the list to read.
/// @return the dictionary, or nothing when the list has none.
/// @errors the decoding errors (`Errc::truncated`, `Errc::trailing_data`,
/// ...) for one that does not parse; the errors of
/// check_app_data_dictionary().
Result<std::optional<AppDataDictionary>> find_app_data_dictionary(const ExtensionList& extensions);

/// RFC 9420 section 13 and the draft: what every received list of
/// extensions satisfies (leaf nodes, KeyPackages, GroupInfo and its
/// GroupContext, GroupContextExtensions and ReInit proposals): one extension
/// of each type, and an app_data_dictionary, if any, that parses and is
/// sorted with each component once.
/// @param list the extensions to check.
/// @errors `Errc::duplicate_extension` when two have one type; the errors
/// of find_app_data_dictionary().
Status check_extension_list(const ExtensionList& list);

/// One component's entry in a dictionary.
/// @return its data, or null when the dictionary has none for `component`;
/// the pointer is valid while `dictionary` is unchanged.
const Bytes* component_data(const AppDataDictionary& dictionary, ComponentId component);

/// One component's data in a GroupContext's app_data_dictionary.
/// @param context the GroupContext (Group::context(), PublicGroup::context()).
/// @param component the component whose data is read.
/// @return a copy of its data, or nothing when the GroupContext has no
/// dictionary or no entry for `component`.
/// @errors the errors of find_app_data_dictionary() (never for a
/// GroupContext a group accepted, whose dictionary was checked).
Result<std::optional<Bytes>> group_app_data(const GroupContext& context, ComponentId component);

/// "Updating Application Data in the GroupContext": an AppDataUpdate that
/// gives `update` to the component's logic (ComponentLogic::update), for
/// Group::propose() or CommitOptions::proposals.
/// @param component the component whose data changes.
/// @param update the update, opaque to MLS.
Proposal app_data_update(ComponentId component, Bytes update);

/// "Updating Application Data in the GroupContext": an AppDataUpdate that
/// removes the component's entry (valid only while it has one).
/// @param component the component whose data is removed.
Proposal app_data_removal(ComponentId component);

/// "Safe Additional Authenticated Data": whether the GroupContext's
/// app_data_dictionary has the safe_aad component, so that the
/// authenticated_data of every message of the epoch is a SafeAad.
/// @param context the epoch's GroupContext.
/// @errors the errors of find_app_data_dictionary().
Result<bool> requires_safe_aad(const GroupContext& context);

/// "Safe Additional Authenticated Data": the authenticated_data of a
/// message, framed as a SafeAad with `items` sorted by component_id.
/// @param items each component's AAD, in any order (none gives the empty
/// SafeAad, whose encoding is the single byte 0).
/// @return the encoded SafeAad.
/// @errors `Errc::invalid_argument` for a component named twice.
Result<Bytes> make_safe_aad(std::vector<SafeAadItem> items);

/// "Safe Additional Authenticated Data": a message's authenticated_data
/// read as a SafeAad.
/// @param authenticated_data the message's authenticated_data
/// (Received::authenticated_data).
/// @errors the decoding errors (`Errc::truncated`, `Errc::trailing_data`,
/// ...) for bytes that are not one SafeAad; `Errc::invalid_value` for items
/// not in strictly increasing component_id order.
Result<SafeAad> parse_safe_aad(BytesView authenticated_data);

/// One component's item of a SafeAad.
/// @return its aad_item_data, or null when `aad` has none for `component`;
/// the pointer is valid while `aad` is unchanged.
const Bytes* safe_aad_item(const SafeAad& aad, ComponentId component);

/// "Safe Additional Authenticated Data": the authenticated_data a message
/// of the epoch of `context` may carry: anything when the GroupContext does
/// not require safe AAD (requires_safe_aad()), else a SafeAad.
/// @param context the GroupContext of the message's epoch.
/// @param authenticated_data the message's authenticated_data.
/// @errors the errors of requires_safe_aad() and parse_safe_aad().
Status check_authenticated_data(const GroupContext& context, BytesView authenticated_data);

}  // namespace conclave::mls
