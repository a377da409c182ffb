// The simulated pagoPA checkout: shows what is being paid, lets the tester choose the outcome,
// records it through the API and sends the citizen back to the site that started the payment.
const paymentId = location.pathname.split('/').at(-1);
const summary = document.getElementById('summary');
const choices = document.getElementById('choices');
const status = document.getElementById('status');
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

function row(term, detail) {
  const dt = document.createElement('dt');
  dt.className = 'col-sm-4';
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.className = 'col-sm-8';
  dd.textContent = detail;
  summary.append(dt, dd);
}

const response = await fetch(`/api/payments/${encodeURIComponent(paymentId)}`);
if (!response.ok) {
  status.textContent = 'Pagamento non trovato. / Payment not found.';
} else {
  const payment = await response.json();
  for (const notice of payment.notices)
    row(notice.payee, `${notice.description}: ${euro.format(notice.amountCents / 100)}`);
  row('Totale / Total', euro.format(payment.amountCents / 100));
  choices.hidden = payment.status !== 'pending';
  if (payment.status !== 'pending')
    status.textContent = 'Questo pagamento è già concluso. / This payment has ended.';
}

for (const button of choices.querySelectorAll('button')) {
  button.addEventListener('click', async () => {
    for (const other of choices.querySelectorAll('button')) other.disabled = true;
    status.textContent = 'Un momento… / One moment…';
    await fetch(`/api/payments/${encodeURIComponent(paymentId)}/simulated-outcome`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ outcome: button.dataset.outcome }),
    });
    location.assign(`/simulated-pagopa/checkout/${encodeURIComponent(paymentId)}/return`);
  });
}
