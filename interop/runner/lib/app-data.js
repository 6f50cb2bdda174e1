'use strict';

// draft-ietf-mls-extensions: the app_data_dictionary extension (suggested
// type 0x0006), which every server's leaves list in their capabilities
// (spec-notes/interop.md), encoded here independently of any stack.
const APP_DATA_DICTIONARY_TYPE = 0x0006;

// RFC 9420 section 2.1.2: the variable-size length prefix.
function varint(length) {
  if (length < 0x40) return Buffer.from([length]);
  if (length < 0x4000) return Buffer.from([0x40 | (length >> 8), length & 0xff]);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((0x80000000 | length) >>> 0);
  return out;
}

const opaque = (bytes) => Buffer.concat([varint(bytes.length), bytes]);

// AppDataDictionary { ComponentData component_data<V>; }, each entry a
// uint16 component_id and opaque data<V>, sorted by component_id.
function appDataDictionary(entries) {
  const sorted = [...entries].sort((a, b) => a.componentId - b.componentId);
  const items = sorted.map(({ componentId, data }) => {
    const id = Buffer.alloc(2);
    id.writeUInt16BE(componentId);
    return Buffer.concat([id, opaque(Buffer.from(data))]);
  });
  return { extension_type: APP_DATA_DICTIONARY_TYPE, extension_data: opaque(Buffer.concat(items)) };
}

module.exports = { APP_DATA_DICTIONARY_TYPE, appDataDictionary };
