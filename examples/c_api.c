/* The C API (include/conclave.h) from C99: an MLS group of two, as a binding
 * drives it. Alice creates the group and adds Bob from his KeyPackage, Bob
 * joins from the Welcome, both show the same epoch authenticator, and Bob
 * reads Alice's message. Exits 0 when all of that holds. */
#include <conclave.h>
#include <stdio.h>
#include <string.h>

/* Stops at the first error, naming it. */
#define CHECK(call)                                                      \
  do {                                                                   \
    conclave_status status_ = (call);                                    \
    if (status_ != CONCLAVE_OK) {                                        \
      fprintf(stderr, "%s: %s\n", #call, conclave_status_name(status_)); \
      goto done;                                                         \
    }                                                                    \
  } while (0)

int main(void) {
  const uint16_t suite = CONCLAVE_SUITE_X25519_AES128GCM_SHA256_ED25519;
  const char hello[] = "hello, Bob";
  int ok = 0;
  conclave_key_package *alice_key_package = NULL, *bob_key_package = NULL;
  conclave_group *alice = NULL, *bob = NULL;
  conclave_buffer bob_public = {NULL, 0}, message = {NULL, 0};
  conclave_commit_options options;
  conclave_commit_output output = {{NULL, 0}, {NULL, 0}, {NULL, 0}};
  conclave_received received;
  conclave_bytes add;
  uint8_t alice_code[64], bob_code[64];
  size_t alice_code_size = 0, bob_code_size = 0;
  memset(&received, 0, sizeof received);

  /* Alice's KeyPackage is spent on creating the group. */
  CHECK(conclave_key_package_create(suite, (const uint8_t *)"alice", 5, &alice_key_package));
  CHECK(conclave_group_create(suite, (const uint8_t *)"c-example", 9, alice_key_package, NULL, &alice));

  /* Bob publishes his KeyPackage; Alice commits his Add and merges it. */
  CHECK(conclave_key_package_create(suite, (const uint8_t *)"bob", 3, &bob_key_package));
  CHECK(conclave_key_package_public(bob_key_package, &bob_public));
  conclave_commit_options_default(&options);
  add.data = bob_public.data;
  add.size = bob_public.size;
  options.add_key_packages = &add;
  options.add_count = 1;
  options.ratchet_tree_in_welcome = 1;
  CHECK(conclave_group_commit(alice, &options, &output));
  CHECK(conclave_group_merge_pending_commit(alice));

  /* Bob joins from the Welcome, which carries the ratchet tree. */
  CHECK(conclave_group_join(output.welcome.data, output.welcome.size, bob_key_package, NULL, 0, NULL, &bob));

  /* Both show the same epoch authenticator (what a security code compares). */
  CHECK(conclave_group_epoch_authenticator(alice, alice_code, sizeof alice_code, &alice_code_size));
  CHECK(conclave_group_epoch_authenticator(bob, bob_code, sizeof bob_code, &bob_code_size));
  if (alice_code_size != bob_code_size || memcmp(alice_code, bob_code, alice_code_size) != 0) {
    fprintf(stderr, "the epoch authenticators differ\n");
    goto done;
  }

  /* An application message from Alice, read by Bob. */
  CHECK(conclave_group_protect(alice, (const uint8_t *)hello, strlen(hello), NULL, 0, &message));
  CHECK(conclave_group_process(bob, message.data, message.size, &received));
  if (received.kind != CONCLAVE_RECEIVED_APPLICATION || received.application_data.size != strlen(hello) ||
      memcmp(received.application_data.data, hello, strlen(hello)) != 0) {
    fprintf(stderr, "Bob did not read Alice's message\n");
    goto done;
  }
  printf("Bob read \"%s\" in epoch %llu\n", hello, (unsigned long long)received.epoch);
  ok = 1;

done:
  conclave_received_free(&received);
  conclave_buffer_free(&message);
  conclave_commit_output_free(&output);
  conclave_buffer_free(&bob_public);
  conclave_group_free(bob);
  conclave_group_free(alice);
  conclave_key_package_free(bob_key_package);
  conclave_key_package_free(alice_key_package);
  return ok ? 0 : 1;
}
