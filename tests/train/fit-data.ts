/** How many seed articles (in file order) give fitting data to tests/train; the rest are measured on. */
export const FIT_SEED_ARTICLES = 3;
