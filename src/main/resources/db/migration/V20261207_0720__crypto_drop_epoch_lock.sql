-- crypto: epoch rotation takes the shared job lock (job crypto.epochs) instead of its own lease.
drop table crypto_epoch_lock;
