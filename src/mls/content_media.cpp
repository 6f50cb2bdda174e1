// draft-ietf-mls-extensions, "Content Advertisement".

#include "conclave/mls/content_media.hpp"

#include <utility>

#include "conclave/mls/negotiation.hpp"

namespace conclave::mls {

Result<MediaTypeList> parse_media_type_list(BytesView data) {
  auto list = codec::decode<MediaTypeList>(data);
  if (!list) return list.error();
  // "Syntax": MediaTypeList "must contain at least one item".
  if (list->media_type_list.empty()) return Errc::invalid_value;
  return list;
}

Result<std::optional<MediaTypeList>> group_media_types(const ExtensionList& group_extensions) {
  auto dictionary = find_app_data_dictionary(group_extensions);
  if (!dictionary) return dictionary.error();
  const Bytes* data = *dictionary ? component_data(**dictionary, ComponentId::content_media_types) : nullptr;
  if (data == nullptr) return std::optional<MediaTypeList>{};
  auto list = parse_media_type_list(*data);
  if (!list) return list.error();
  return std::optional<MediaTypeList>{std::move(*list)};
}

Bytes frame_application_data(const MediaType& media_type, BytesView content) {
  return codec::encode(ApplicationFraming{media_type, Bytes(content.begin(), content.end())});
}

Result<ApplicationFraming> unframe_application_data(BytesView application_data, const MediaTypeList& group_types) {
  auto framing = codec::decode<ApplicationFraming>(application_data);
  if (!framing) return framing.error();
  if (framing->media_type.type.empty()) {
    // "Framing of application_data": a zero-length type is the first
    // MediaType of the group's content_media_types.
    if (group_types.media_type_list.empty()) return Errc::invalid_value;
    framing->media_type = group_types.media_type_list.front();
  }
  return framing;
}

}  // namespace conclave::mls
