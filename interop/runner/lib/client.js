'use strict';

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const { Skip, Failure } = require('./outcome');

const CALL_TIMEOUT_MS = 60000;

function loadClientClass(protoPath) {
  const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, defaults: true });
  return grpc.loadPackageDefinition(definition).mls_client.MLSClient;
}

function connect(ClientClass, name, address) {
  return { name, address, stub: new ClientClass(address, grpc.credentials.createInsecure()) };
}

const statusName = (code) => Object.keys(grpc.status).find((key) => grpc.status[key] === code) ?? `status ${code}`;

function rpcError(client, method, error) {
  const text = `${client.name} ${method}: ${error.details || error.message}`;
  if (error.code === grpc.status.UNIMPLEMENTED) return new Skip(text);
  return new Failure(`${client.name} ${method}: ${statusName(error.code)} ${error.details || error.message}`);
}

function call(client, method, request = {}) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    client.stub[method](request, { deadline }, (error, response) => {
      if (error) reject(rpcError(client, method, error));
      else resolve(response);
    });
  });
}

async function waitReady(client, seconds) {
  await new Promise((resolve, reject) => {
    client.stub.waitForReady(Date.now() + seconds * 1000, (error) => (error ? reject(error) : resolve()));
  });
}

const close = (client) => client.stub.close();

module.exports = { loadClientClass, connect, call, waitReady, close };
