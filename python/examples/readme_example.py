"""Conclave from Python: an MLS group of two over the C API."""

from conclave import CommitOptions, ConclaveError, Group, KeyPackage, Status

with KeyPackage.create(b"alice") as alice_key_package, KeyPackage.create(b"bob") as bob_key_package:
    with Group.create(b"python-example", alice_key_package) as alice:
        # Alice adds Bob from his KeyPackage; Bob joins from the Welcome.
        output = alice.commit(CommitOptions(add=[bob_key_package.public()], ratchet_tree_in_welcome=True))
        alice.merge_pending_commit()
        assert output.welcome is not None
        with Group.join(output.welcome, bob_key_package) as bob:
            # Both show the same epoch authenticator (what a security code compares).
            assert alice.epoch_authenticator() == bob.epoch_authenticator()
            received = bob.process(alice.protect(b"hello, Bob"))
            print(f"Bob read {received.application_data!r} in epoch {received.epoch}")
            # Bad input raises ConclaveError carrying the C status, and changes nothing.
            try:
                bob.process(output.welcome)
                raise AssertionError("a Welcome was processed as a group message")
            except ConclaveError as error:
                assert error.status is Status.CONTENT_NOT_ALLOWED
                print(f"refused: {error.name}")
