'use strict';

const { status } = require('@grpc/grpc-js');
const { mls } = require('./mls');

class RpcError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const invalid = (message) => new RpcError(status.INVALID_ARGUMENT, message);
const notFound = (message) => new RpcError(status.NOT_FOUND, message);
const unimplemented = (message) => new RpcError(status.UNIMPLEMENTED, message);

function isInputError(error) {
  const e = mls.errors;
  return [e.CodecError, e.ValidationError, e.CryptoVerificationError, e.UsageError].some(
    (type) => error instanceof type,
  );
}

function toStatus(error) {
  if (error instanceof RpcError) return { code: error.code, details: error.message };
  const details = `${error.name || 'Error'}: ${error.message}`;
  return { code: isInputError(error) ? status.INVALID_ARGUMENT : status.INTERNAL, details };
}

// Adapts an async (request) => response function to a unary grpc-js handler
// that answers every failure with a status instead of throwing.
function unary(name, fn) {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then((response) => callback(null, response))
      .catch((error) => {
        const rpcStatus = toStatus(error);
        if (rpcStatus.code !== status.UNIMPLEMENTED) console.error(`${name}: ${rpcStatus.details}`);
        callback(rpcStatus);
      });
  };
}

module.exports = { invalid, notFound, unimplemented, unary };
