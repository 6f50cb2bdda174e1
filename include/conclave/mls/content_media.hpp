#pragma once

/// @file
/// draft-ietf-mls-extensions, "Content Advertisement": the
/// content_media_types component and the framing of application_data.

#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/extension.hpp"

namespace conclave::mls {

/// "Content Advertisement": the data of a content_media_types component,
/// parsed; the list "must contain at least one item".
/// @errors `Errc::invalid_value` for an empty list; the decoding errors
/// (`Errc::truncated`, ...) for data that does not parse.
Result<MediaTypeList> parse_media_type_list(BytesView data);

/// The content_media_types component of the app_data_dictionary among
/// `group_extensions`: when present, the group's application_data is
/// framed as ApplicationFraming.
/// @return nothing when the extensions have no such component.
/// @errors Those of parse_media_type_list() and of decoding the dictionary.
Result<std::optional<MediaTypeList>> group_media_types(const ExtensionList& group_extensions);

/// "Framing of application_data": `content` framed with `media_type` (an
/// empty type means the group's first media type).
Bytes frame_application_data(const MediaType& media_type, BytesView content);

/// "Framing of application_data": application_data of a group whose
/// media types are `group_types`, unframed; a zero-length media type is
/// replaced by the first of `group_types` (the draft's rule), so the result
/// always names its type.
/// @errors `Errc::invalid_value` when the type is empty and `group_types` has
/// none; the decoding errors (`Errc::truncated`, ...) for data that is not an
/// ApplicationFraming.
Result<ApplicationFraming> unframe_application_data(BytesView application_data, const MediaTypeList& group_types);

}  // namespace conclave::mls
