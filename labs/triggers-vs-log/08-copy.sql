COPY shop.orders (id, customer, amount_cents)
  FROM PROGRAM 'printf "30,copied one,100\n31,copied two,200\n"' WITH (FORMAT csv);
